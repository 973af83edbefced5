"""``main.py --self-test``: check that an installed or built app works, end to end.

Each step prints one line (``ok catalog: 5 trials, catalog of 2025-08-22``); the run
stops at the first failing step (``FAIL letter: ...``) and returns 1, else 0. Every
user file goes to a fresh temporary data folder, so the user's own data (catalog copy,
patients, settings, log) is never read or changed. The folder is removed afterwards,
unless a step failed: then it is kept and named, with the log of the run inside.

The steps are plain Python; the desktop app adds its window check as an extra step
(``ui.app.self_test_steps``), so this module never imports Qt.

The lines are printed in the app's language (a user of the frozen app runs it and reads them) and
logged in English (the log is for support): every line, detail and failure is a ``Message``
(``core.i18n``), worded when it is printed. A count that can be one picks its msgid by number
(``_count``): a ``Message`` has no plural forms, and Chinese and Japanese need none.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from core.i18n import N_, Message, words
from resources import paths

log = logging.getLogger(__name__)

SAMPLE_PATIENT = ("samples", "sample-patient.json")


class SelfTestFailure(Exception):
    """A step ran but its result is wrong; the message (a ``Message``) says what was expected."""


def _count(n: int, one: str, many: str) -> Message:
    """``one`` (n is 1) or ``many`` (a ``{n}`` field) for ``n``: msgids marked ``N_``. Not "{n} trial": that
    msgid is already the singular of an ngettext entry, which gettext() does not find."""
    return Message(one if n == 1 else many, n=n)


Step = tuple[str, Callable[["SelfTest"], str]]


class SelfTest:
    """State shared between the steps of one run."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.work_dir = data_dir / "self-test"
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.profile: Any = None
        self.results: list[Any] = []
        self.letter_path: Path | None = None


# -- the steps ------------------------------------------------------------------------------
def step_resources(t: SelfTest) -> str:
    needed = [paths.bundled_catalog(), paths.resource("vocab", "drugs.json"),
              paths.resource("fonts", "wqy-microhei.ttc"), paths.resource("icons", "app.png"),
              paths.resource(*SAMPLE_PATIENT)]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise SelfTestFailure(Message(N_("missing bundled files: {files}"), files=", ".join(missing)))
    frozen = Message(N_("frozen app")) if getattr(sys, "frozen", False) else Message(N_("source checkout"))
    return Message(N_("{n} bundled files present ({kind}, {folder})"), n=len(needed), kind=frozen,
                   folder=paths.resources_dir())


def step_catalog(t: SelfTest) -> str:
    from core.catalog import database
    from core.catalog.bundle import open_catalog
    from core.catalog.models import Criterion, Trial

    working = open_catalog()
    if not working.is_relative_to(t.data_dir):
        raise SelfTestFailure(Message(N_("the working catalog {path} is outside the temporary data folder"),
                                      path=working))
    trials = Trial.select().count()
    if trials == 0:
        raise SelfTestFailure(Message(N_("the catalog has no trials")))
    criteria = Criterion.select().count()
    date = database.get_info("catalog_date") or database.catalog_date()
    if not date:
        return Message(N_("{trials} trials, {criteria} criteria, undated catalog"), trials=trials, criteria=criteria)
    return Message(N_("{trials} trials, {criteria} criteria, catalog of {date}"), trials=trials, criteria=criteria,
                   date=date)


def step_search(t: SelfTest) -> str:
    from core.catalog.search import search_trials

    rows = search_trials("arthritis")
    if not rows:
        raise SelfTestFailure(Message(N_("a search for '{query}' found nothing"), query="arthritis"))
    return Message(N_("'{query}' finds {found}"), query="arthritis",
                   found=_count(len(rows), N_("one trial"), N_("{n} trials")))


def step_importers(t: SelfTest) -> str:
    from core.catalog.bundle import seed_files, source_files
    from core.importers.registry import parse_path

    if not seed_files():
        raise SelfTestFailure(Message(N_("no seed records in {folder}"), folder=paths.seed_sources()))
    records = [r for p in source_files() for r in parse_path(p)]
    formats = sorted({r.source_format for r in records})
    return Message(N_("{n} bundled source records parsed ({formats})"), n=len(records), formats=", ".join(formats))


def step_drugs(t: SelfTest) -> str:
    from core.patient.drugs import all_drugs, lookup_drug

    drugs = all_drugs()
    found = lookup_drug("RoActemra")
    if found is None or found.name.lower() != "tocilizumab":
        raise SelfTestFailure(Message(_NOT_MAPPED, name="RoActemra", drug="tocilizumab"))
    chinese = lookup_drug("甲氨蝶呤")
    if chinese is None or chinese.name != "methotrexate":
        raise SelfTestFailure(Message(_NOT_MAPPED, name="甲氨蝶呤", drug="methotrexate"))
    return _count(len(drugs), N_("one drug"), N_("{n} drugs"))


_NOT_MAPPED = N_("the drug table does not map {name} to {drug}")


def step_extractor(t: SelfTest) -> str:
    """The criteria extractor with its compiled parts (Aho-Corasick automaton, ConText rules file)."""
    from core.criteria.extract import propose_rule

    proposal = propose_rule("History of stroke", "exclusion")
    if proposal is None or proposal.rule != {"fact": "condition:stroke", "op": "=", "value": True}:
        raise SelfTestFailure(Message(N_("the criteria extractor did not read '{text}'"), text="History of stroke"))
    if propose_rule("Suspected lupus", "exclusion") is not None:
        raise SelfTestFailure(Message(N_("the criteria extractor read an uncertain mention (ConText rules "
                                         "missing?)")))
    return Message(N_("reads '{text}' as {fact}"), text="History of stroke", fact="condition:stroke")


def step_patient(t: SelfTest) -> str:
    from core.patient.profile import load_profile

    t.profile = load_profile(paths.resource(*SAMPLE_PATIENT))
    return Message(N_("sample patient {id} loaded"), id=t.profile.profile_id)


def step_screening(t: SelfTest) -> str:
    from core.catalog.models import Trial
    from core.matching.screening import screen_profile
    from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE

    started = time.perf_counter()
    t.results = screen_profile(t.profile)
    elapsed = (time.perf_counter() - started) * 1000
    if len(t.results) != Trial.select().count():
        raise SelfTestFailure(Message(N_("{n} verdicts for {trials} trials"), n=len(t.results),
                                      trials=Trial.select().count()))
    counts = Counter(r.verdict.verdict for r in t.results)
    return Message(N_("{n} trials screened in {ms} ms ({eligible} eligible, {possibly} possibly eligible, "
                      "{not_eligible} not eligible)"), n=len(t.results), ms=f"{elapsed:.0f}",
                   eligible=counts[ELIGIBLE], possibly=counts[POSSIBLY_ELIGIBLE], not_eligible=counts[NOT_ELIGIBLE])


def step_userdata(t: SelfTest) -> str:
    from core.userdata.database import close_user_db, open_user_db
    from core.userdata.records import get_setting, set_setting

    path = open_user_db()
    try:
        if not path.is_relative_to(t.data_dir):
            raise SelfTestFailure(Message(N_("the user database {path} is outside the temporary data folder"),
                                          path=path))
        set_setting("selftest.probe", {"ok": True})
        if get_setting("selftest.probe") != {"ok": True}:
            raise SelfTestFailure(Message(N_("a setting written to the user database did not read back")))
    finally:
        close_user_db()
    return Message(N_("user database created, setting written and read back"))


def step_letter(t: SelfTest) -> str:
    import re

    from core.commands.letter import write_pdf_atomically
    from core.letter.model import Letterhead
    from core.letter.prepare import prepare_letter, referable
    from core.letter.render import render_pdf

    chosen = referable(t.results)[:3] or t.results[:1]
    if not chosen:
        raise SelfTestFailure(Message(N_("no trial to write a letter for")))
    head = Letterhead(clinic_name="Self-test Clinic", department="Rheumatology",
                      clinician_name="Dr Self Test", clinician_role="Consultant rheumatologist")
    started = time.perf_counter()
    pdf = render_pdf(prepare_letter(t.profile, chosen, head))
    elapsed = (time.perf_counter() - started) * 1000
    t.letter_path = t.work_dir / "letter.pdf"
    write_pdf_atomically(t.letter_path, pdf)
    if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-64:]:
        raise SelfTestFailure(Message(N_("the letter is not a complete PDF file")))
    if b"FontFile2" not in pdf:
        raise SelfTestFailure(Message(N_("the letter's font is not embedded")))
    pages = len(re.findall(rb"/Type /Page\b(?!s)", pdf))
    return Message(N_("{trials}, {pages}, {kb} kB in {ms} ms"),
                   trials=_count(len(chosen), N_("one trial"), N_("{n} trials")),
                   pages=_count(pages, N_("one page"), N_("{n} pages")), kb=len(pdf) // 1024, ms=f"{elapsed:.0f}")


# A one-patient bundle touching every resource type the import reads.
_FHIR_PROBE = [
    {"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": "1970"},
    {"resourceType": "Condition", "id": "c", "subject": {"reference": "Patient/p"},
     "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M05.79"}]}},
    {"resourceType": "MedicationStatement", "id": "m", "status": "active", "subject": {"reference": "Patient/p"},
     "medicationCodeableConcept": {"coding": [{"system": "http://www.whocc.no/atc", "code": "L04AX03"}]}},
    {"resourceType": "MedicationRequest", "id": "r", "status": "active", "intent": "order",
     "subject": {"reference": "Patient/p"}, "medicationCodeableConcept": {"text": "prednisolone"}},
    {"resourceType": "Observation", "id": "o", "status": "final", "subject": {"reference": "Patient/p"},
     "code": {"coding": [{"system": "http://loinc.org", "code": "1988-5"}]},
     "valueQuantity": {"value": 3, "unit": "mg/L"}},
    {"resourceType": "AllergyIntolerance", "id": "a", "patient": {"reference": "Patient/p"},
     "code": {"text": "penicillin"}},
    {"resourceType": "Procedure", "id": "x", "status": "completed", "subject": {"reference": "Patient/p"}},
    {"resourceType": "Immunization", "id": "i", "status": "completed", "patient": {"reference": "Patient/p"},
     "vaccineCode": {"text": "influenza"}, "occurrenceDateTime": "2025"},
]


def step_fhir(t: SelfTest) -> str:
    from core.fhir.answers import items_from_profile
    from core.fhir.export import screening_bundle
    from core.fhir.map_patient import map_bundle
    from core.fhir.read_bundle import parse_bundle

    started = time.perf_counter()
    result = map_bundle(parse_bundle({"resourceType": "Bundle", "type": "collection",
                                      "entry": [{"resource": r} for r in _FHIR_PROBE]}))
    if len(result.facts) != 7 or len(result.unmapped) != 2:
        raise SelfTestFailure(Message(N_("FHIR import mapped {facts} facts and left {left}"), facts=len(result.facts),
                                      left=len(result.unmapped)))
    chosen = t.results[:2]
    letter = t.letter_path.read_bytes() if t.letter_path else None
    bundle = screening_bundle("SELF-TEST", items_from_profile(t.profile), chosen, {r.trial_id for r in chosen},
                              letter)
    elapsed = (time.perf_counter() - started) * 1000
    return Message(N_("import of {n} resources and export of {entries} validated in {ms} ms"), n=len(_FHIR_PROBE),
                   entries=len(bundle["entry"]), ms=f"{elapsed:.0f}")


# Step names are msgids (worded where printed; the log and the tests read the English).
CORE_STEPS: list[Step] = [
    (N_("resources"), step_resources),
    (N_("catalog"), step_catalog),
    (N_("search"), step_search),
    (N_("importers"), step_importers),
    (N_("drug table"), step_drugs),
    (N_("criteria extractor"), step_extractor),
    (N_("sample patient"), step_patient),
    (N_("screening"), step_screening),
    (N_("user data"), step_userdata),
    (N_("letter"), step_letter),
    (N_("FHIR"), step_fhir),
]


# -- running ------------------------------------------------------------------------------
def run_self_test(extra_steps: Iterable[Step] = (), out: TextIO | None = None,
                  keep: bool = False) -> int:
    """Run every step in a temporary data folder; 0 when all pass, 1 otherwise."""
    from core import __version__
    from core.logging_setup import setup_logging, stop_logging

    out = out if out is not None else sys.stdout

    def say(line: str) -> None:
        log.info("self-test: %s", line)  # the English (a Message's str)
        if out is not None:  # a windowed Windows build has no stdout
            print(words(line), file=out, flush=True)

    previous_override = getattr(paths, "_data_dir_override", None)
    data_dir = Path(tempfile.mkdtemp(prefix="trials-selftest-")).resolve()
    paths.set_data_dir(data_dir)
    setup_logging()
    say(Message(N_("self-test of Trial Eligibility Assistant {version} in {folder}"), version=__version__,
                folder=data_dir))
    t = SelfTest(data_dir)
    failed: str | None = None
    started = time.perf_counter()
    try:
        for name, step in [*CORE_STEPS, *extra_steps]:
            try:
                detail = step(t)
            except Exception as exc:  # report every kind of failure as a failed step
                log.error("self-test step %s failed\n%s", name, traceback.format_exc())
                message = (exc.args[0] if isinstance(exc, SelfTestFailure) and exc.args
                           else f"{type(exc).__name__}: {exc}")  # an unexpected error: as Python words it
                say(Message(N_("FAIL {step}: {problem}"), step=Message(name), problem=message))
                failed = name
                break
            say(Message(N_("ok {step}: {detail}"), step=Message(name), detail=detail))
    finally:
        _close_databases()
        if failed is None:
            say(Message(N_("self-test passed in {seconds} s"), seconds=f"{time.perf_counter() - started:.1f}"))
        else:
            say(Message(N_("self-test FAILED at step '{step}'; the log of this run is in {path}"),
                        step=Message(failed), path=data_dir / "logs" / "app.log"))
        stop_logging()
        paths.set_data_dir(previous_override)
        if failed is None and not keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0 if failed is None else 1


def _close_databases() -> None:
    try:
        from core.catalog import database

        database.close()
    except Exception:
        log.exception("closing the catalog")
    try:
        from core.userdata.database import close_user_db

        close_user_db()
    except Exception:
        log.exception("closing the user database")
