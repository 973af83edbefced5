"""Every user-visible string literal of the command line (``core/commands/``) and of the core
modules whose messages reach the user goes through the translation functions.

The AST scan of tests/ui/test_ui_strings_translated.py, for core: a literal (or f-string) with words
in it, written to the terminal (``out.write``, ``err.write``, ``print``, ``lines.append`` of the
human output), shown by ``--help`` (argparse's ``help=``, ``description=``) or raised as an error
message (``ProfileError(…)``, ``LetterheadError(…)``, ``ValueError(…)``…), fails unless it is
inside ``_()``, ``N_()``, ``ngettext`` or ``pgettext``.
With tests/core/i18n/test_catalogs.py (every msgid translated into Chinese and Japanese with the
same placeholders) an untranslated user-visible string is a failing test.

Left English on purpose, and so passing here: option names (``--letterhead``) and texts without
letters. The ``error:`` / ``warning:`` prefixes are messages (``_("error: {problem}")``); a message
made in one place and shown in another is a ``Message(N_("…"), …)``, an ``error=`` or a ``note=``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.string_scan import call_name
from tests.string_scan import untranslated as untranslated_in

ROOT = Path(__file__).resolve().parents[3]

# The command line, and the core modules whose messages the command line and the GUI show as they are.
SCANNED = sorted({*(p.relative_to(ROOT).as_posix() for p in (ROOT / "core" / "commands").glob("*.py")),
                  "core/patient/profile_read.py", "core/patient/profile_fields.py", "core/patient/profile_migrate.py",
                  "core/patient/limits.py", "core/questionnaire/answer_values.py",
                  "core/criteria/rule_words.py", "core/catalog/import_lock.py", "core/catalog/database.py",
                  "core/userdata/backup.py", "core/userdata/database.py", "main.py",
                  *(p.relative_to(ROOT).as_posix() for p in (ROOT / "core" / "fhir").glob("*.py")),
                  # a file's import errors (ImportFormatError, the reasons a file was failed or skipped)
                  *(p.relative_to(ROOT).as_posix() for p in (ROOT / "core" / "importers").glob("*.py")),
                  # the --self-test lines (core steps, the window's steps, the soak's line), the OS's reasons
                  # in the app's words, the record's other fields, the review decisions' errors, the
                  # instance lock's and the log file's messages
                  "core/selftest.py", "ui/app.py", "ui/soak.py", "core/faults.py", "core/catalog/record_fields.py",
                  "core/catalog/reviews.py", "core/catalog/review_batch.py", "core/userdata/instance_lock.py",
                  "core/logging_setup.py"})

# Shown but English on purpose: (module, literal). A file name the catalog's fingerprint reads is not shown at all.
ALLOWED = frozenset({("core/catalog/database.py", "trial_record.py")})

# In the importers, ``append`` builds a record's own text (criteria headings, age lines, size-limit notes kept
# with the record): stored data in the registry's language, not a message.
NOT_SHOWN_IN = {"core/importers/": {"append"}}

# Calls whose arguments at these positions reach the user.
SHOWN: dict[str, tuple[int, ...]] = {
    "write": (0,), "print": (0,), "append": (0,), "_write": (1,), "fail": (1,),
    "Unmapped": (2,), "refuse": (1,),  # a FHIR resource left out, and why; why a bundle is of another FHIR version
    "AnswerError": (1,),  # AnswerError(field path, message): the path names a field, the message is shown
    "Message": (0,),  # core.i18n.Message(N_("…"), …): worded where shown, so its msgid must be marked
    "SelfTestFailure": (0,), "AlreadyRunning": (0,), "say": (0,),  # --self-test lines; a second app's refusal
}
# A function whose returned text is shown: a self-test step (``step_…``, ``_step_…``) returns its "ok" detail.
_SHOWN_RETURN = re.compile(r"^_?step_")
# Keyword arguments and attributes that hold a message shown later: a file's import error
# (Source(error=…), FileResult(error=…), result.error = …) and a FHIR fact's note.
SHOWN_KEYWORDS = {"error", "note"}
# argparse calls whose keyword arguments of these names are shown by --help.
HELP_CALLS = {"add_argument", "add_parser", "ArgumentParser", "add_subparsers", "add_argument_group"}
HELP_KEYWORDS = {"help", "description", "title", "epilog"}
_ERROR_NAME = re.compile(r"^[A-Z]\w*(Error|Busy)$")  # ProfileError, LetterheadError, ValueError, ImportBusy…
TRANSLATORS = {"_", "N_", "ngettext", "pgettext", "npgettext"}
# English on purpose: option names quoted in a message. (The "error: " and "warning: " prefixes are
# messages too: _("error: {problem}"), core.commands.guard.error_line.)
_NOT_WORDS = re.compile(r"--[a-z][a-z-]*:?\s*")


def _has_words(text: str) -> bool:
    return any(ch.isalpha() for ch in _NOT_WORDS.sub("", text))


def untranslated(node: ast.expr) -> list[str]:
    """The literal texts with words in ``node`` that no translation function wraps."""
    return untranslated_in(node, _has_words, carried=("join", "format"))


def scan(source: str, rel: str) -> list[str]:
    """Problems in one module: "path:line: call(…'text'…)"."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and _SHOWN_RETURN.match(node.name):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Return) and sub.value is not None:
                    problems += [f"{rel}:{sub.lineno}: return {text!r}" for text in untranslated(sub.value)
                                 if (rel, text) not in ALLOWED]
        if isinstance(node, ast.Assign):  # result.error = "…"
            if any(isinstance(t, ast.Attribute) and t.attr in SHOWN_KEYWORDS for t in node.targets):
                problems += [f"{rel}:{node.lineno}: = {text!r}" for text in untranslated(node.value)
                             if (rel, text) not in ALLOWED]
            continue
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node.func)
        if name in TRANSLATORS or any(rel.startswith(folder) and name in calls
                                      for folder, calls in NOT_SHOWN_IN.items()):
            continue
        positions = SHOWN.get(name, (0,) if _ERROR_NAME.match(name) else ())
        args = [a for i, a in enumerate(node.args) if i in positions]
        if name in HELP_CALLS:
            args += [k.value for k in node.keywords if k.arg in HELP_KEYWORDS]
        args += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for arg in args:
            problems += [f"{rel}:{node.lineno}: {name}(… {text!r} …)" for text in untranslated(arg)
                         if (rel, text) not in ALLOWED]
    return problems


def hidden_from_extraction(source: str, rel: str) -> list[str]:
    """``_("…")`` inside an f-string's braces: Babel reads an f-string as one token on Python 3.11,
    so the message never reaches the catalogs."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for sub in ast.walk(node):
                if (isinstance(sub, ast.Call) and call_name(sub.func) in TRANSLATORS
                        and any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in sub.args)):
                    problems.append(f"{rel}:{sub.lineno}: {ast.unparse(sub)} inside an f-string")
    return problems


def test_the_scan_finds_untranslated_output_and_errors_and_passes_wrapped_ones():
    source = (
        "out.write('Dry run: nothing was saved.\\n')\n"
        "err.write(f'error: cannot write into {folder}: {reason}\\n')\n"
        "lines.append(f'{n} not mapped:')\n"
        "raise LetterheadError(f'logo {value}: no such file')\n"
        "raise self.fail(key, 'is required')\n"
        "print('Rule:', rule)\n"
        "out.write(_('Dry run: nothing was saved.') + '\\n')\n"
        "err.write(_('error: {problem}').format(problem=_('no backup').format(x=1)) + '\\n')\n"
        "err.write(f'error: {exc}\\n')\n"
        "err.write(error_line('--letterhead: ' + _('{problem}').format(problem=p)))\n"
        "raise ImportFormatError(N_('the file is empty'))\n"
        "raise ImportFormatError(f'the file holds {n} records')\n"
        "yield Source(label, error='there is no such file or folder')\n"
        "result.error = f'the records could not be saved ({reason})'\n"
        "note = Message(N_('converted from {value}'), value=v)\n"
        "note = Message('named {words}', words=w)\n"
        "facts.append(ProposedFact('lab', v, s, w, d, note=f'converted from {shown}'))\n"
        "lines.append(f\"{'':18} \" + _('to verify: {x}').format(x=x))\n"
        "raise ProfileError(_('{field} must be text.').format(field=f), f)\n"
        "raise ValueError(str(exc))\n"
        "p.add_argument('--json', action='store_true', help='stable JSON output')\n"
        "sub.add_parser('list', help=_('every trial in the catalog'))\n"
    )
    found = [p.split(": ", 1)[1] for p in scan(source, "core/commands/x.py")]
    assert sorted(found) == sorted([
        "write(… 'Dry run: nothing was saved.\\n' …)",
        "write(… 'error: cannot write into : \\n' …)",
        "append(… ' not mapped:' …)",
        "LetterheadError(… 'logo : no such file' …)",
        "fail(… 'is required' …)",
        "print(… 'Rule:' …)",
        "write(… 'error: \\n' …)",
        "ImportFormatError(… 'the file holds  records' …)",
        "Source(… 'there is no such file or folder' …)",
        "= 'the records could not be saved ()'",
        "Message(… 'named {words}' …)",
        "ProposedFact(… 'converted from ' …)",
        "add_argument(… 'stable JSON output' …)",
    ])


def test_the_scan_finds_english_self_test_lines():
    source = (
        "def step_search(t):\n"
        "    if not rows:\n"
        "        raise SelfTestFailure(\"a search for 'arthritis' found nothing\")\n"
        "    return f\"'arthritis' finds {len(rows)} trials\"\n"
        "def step_fine(t):\n"
        "    return Message(N_('{n} drugs'), n=n)\n"
        "def helper():\n"
        "    return 'not shown'\n"
        "say(f'self-test passed in {s} s')\n"
        "raise AlreadyRunning(f'The app is already running with {folder}.')\n"
    )
    found = sorted(p.split(": ", 1)[1] for p in scan(source, "core/selftest.py"))
    assert found == sorted(["SelfTestFailure(… \"a search for 'arthritis' found nothing\" …)",
                            "return \"'arthritis' finds  trials\"",
                            "say(… 'self-test passed in  s' …)",
                            "AlreadyRunning(… 'The app is already running with .' …)"])


def test_a_message_inside_an_f_string_is_found():
    found = hidden_from_extraction("x = f\"{_('yes') if y else _('no')}\"\nz = _('Fine')\n", "core/commands/x.py")
    assert found == ["core/commands/x.py:1: _('yes') inside an f-string", "core/commands/x.py:1: _('no') inside an "
                     "f-string"]


@pytest.mark.parametrize("rel", SCANNED)
def test_user_visible_literals_are_translated(rel):
    source = (ROOT / rel).read_text(encoding="utf-8")
    problems = scan(source, rel) + hidden_from_extraction(source, rel)
    assert problems == [], "wrap these in _() and translate them:\n" + "\n".join(problems)


def test_every_command_module_is_scanned():
    """A new command module is scanned without being listed."""
    assert {"core/commands/catalog.py", "core/commands/fhir.py", "core/commands/criteria.py"} <= set(SCANNED)
