"""A note after a live-vaccine window that only lets non-live vaccines through: "Live attenuated vaccines within 60
days prior to study entry. NOTE: Medically indicated subunit or killed vaccines (e.g., influenza, pneumococcal) do not
exclude but should be administered at least 2 weeks before …" (the ACTG wording, issue 16 round 9).

Subunit, killed and inactivated vaccines are no live vaccines (``non_live_vaccine`` and ``live_vaccine`` share no
vaccine in the vocabulary), so the note takes nothing out of the window read before it: it is dropped, and the
sentence reads as the window alone. A note that allows anything else, or one after a window that is not about live
vaccines, stays and keeps the item unread.
"""

from __future__ import annotations

from core.criteria.extract import rx as re

_KIND = r"(?:subunit|killed|inactivated|non-?live)"
_NOTE = re.compile(
    rf"\s*[.;]?\s*\(?\s*note\s*:\s*(?:the\s+)?(?:medically indicated\s+)?{_KIND}(?:\s*(?:,|or|and|and/or)\s*{_KIND})*"
    r"\s+vaccines?\b(?:\s*,?\s*\(?\s*(?:e\.?\s?g\.?,?|such as|including)\s+[^()]*?\)?)?,?\s+"
    r"(?:do(?:es)? not exclude|are not exclusionary|(?:are|is) allowed|(?:are|is) permitted)\b[^()]*\)?\s*\.?\s*$")
# a live vaccine named in the note itself ("… and BCG do not exclude"): not only non-live vaccines, kept
_LIVE_NAMED = re.compile(r"\b(?:live|attenuated|bcg|measles|mumps|rubella|mmr|varicella|zoster|yellow fever|oral"
                         r"|rotavirus|smallpox|vaccinia|dengue|sabin)\b")
_LIVE_WINDOW = re.compile(r"\blive(?:\s*,?\s*attenuated|-attenuated)?\s+(?:virus\s+|viral\s+)?vaccin")


def drop_note(text: str) -> str:
    """``text`` without a trailing note allowing non-live vaccines after a live-vaccine statement."""
    m = _NOTE.search(text)
    if m is None or not _LIVE_WINDOW.search(text[: m.start()]) or _LIVE_NAMED.search(m.group(0)):
        return text
    return text[: m.start()].rstrip(" .;,")
