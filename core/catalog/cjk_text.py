"""Chinese, Japanese and Korean text for the search index: folding, runs and character bigrams.

FTS5's ``unicode61`` tokenizer treats a run of CJK characters (a whole clause, since those
languages do not put spaces between words) as one token, so "类风湿" never finds
"类风湿关节炎患者". The index therefore also holds every CJK run as overlapping character
bigrams ("类风 风湿 湿关 关节 节炎 炎"), and a query run becomes the phrase of its bigrams,
which matches exactly the index text containing that run. The run's last character is also
indexed alone, so a one-character query (a prefix query on the bigrams) finds a character at
the end of a run too.

Both the index text and the query go through ``fold`` (NFKC: full-width "ＲＡ" is "RA",
half-width katakana is full-width), and ``spaced`` puts spaces between CJK and other
letters, so "抗ARS抗体" holds the word "ARS" for the ordinary columns.
"""

from __future__ import annotations

import re
import unicodedata

# Han (unified, extension A, compatibility, extensions B+), kana without the separators
# U+30A0 and U+30FB ("・"), the iteration marks 々〆〇, and Hangul syllables and jamo.
_CJK_CHARS = (
    "\u1100-\u11ff\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3130-\u318f"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_CJK_OR_NOT = re.compile(f"([{_CJK_CHARS}]+)")
_WORD = re.compile(r"\w+")
# A query word: letters and digits in any script, joined by hyphens or "・" (ギラン・バレー症候群).
QUERY_WORD = re.compile(r"\w+(?:[\-\u2010-\u2015\u30fb]\w+)*")


def fold(text: str) -> str:
    """NFKC, the form both the index and the query use (ASCII text is returned as it is)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def has_cjk(text: str) -> bool:
    return not text.isascii() and CJK_RUN.search(text) is not None


def runs(text: str) -> list[str]:
    """The CJK runs of (folded) text, in order."""
    return [] if text.isascii() else CJK_RUN.findall(text)


def spaced(text: str) -> str:
    """Folded text with a space between a CJK run and an adjacent letter or digit."""
    text = fold(text)
    if not has_cjk(text):
        return text
    return " ".join(part for part in _CJK_OR_NOT.split(text) if part)


def pieces(token: str) -> list[str]:
    """A query word cut where it changes between CJK and other letters ("抗ARS抗体" -> 抗, ARS,
    抗体), and at hyphens and "・" ("ギラン・バレー" -> ギラン, バレー)."""
    out: list[str] = []
    for part in _CJK_OR_NOT.split(token):
        out += [part] if CJK_RUN.fullmatch(part) else _WORD.findall(part)
    return out


def is_cjk(piece: str) -> bool:
    return CJK_RUN.fullmatch(piece) is not None


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs of one run ("类风湿" -> 类风, 风湿)."""
    return [run[i:i + 2] for i in range(len(run) - 1)]


def index_tokens(text: str) -> str:
    """The bigram column's text for (folded) text: each run's bigrams, then its last character."""
    out: list[str] = []
    for run in runs(text):
        out += bigrams(run)
        out.append(run[-1])
    return " ".join(out)


def run_match(run: str, columns: str) -> str:
    """An FTS5 expression finding ``run`` (CJK characters only) in the bigram ``columns``.

    One character: a prefix query (any bigram starting with it, or a run's last character);
    two: that bigram; more: the phrase of its bigrams, i.e. the characters in that order."""
    if len(run) == 1:
        return f'{{{columns}}} : "{run}"*'
    return f'{{{columns}}} : "{" ".join(bigrams(run))}"'
