"""An exception list printed over several items: "No second malignancy within 5 years except: Nonmelanomatous skin
cancer." then "In situ cervical cancer." (NCT00001450). The second item is the list's next exception, not a
diagnosis every patient must have; read alone it became "carcinoma in situ of the cervix: yes" for everyone
(supplementary audit after seed 5153). An item right after a sibling with "except:" (or "other than:", "with the
exception of:") inside its text, that reads as a positive diagnosis, gets no rule.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.rule import Proposal

_EXCEPT_COLON = re.compile(r"\b(?:except(?: for)?|other than|with the exception of|excluding|apart from)\s*:\s*\S",
                           re.IGNORECASE)


def continues_exception(previous: str | None, proposal: Proposal | None, positive: bool) -> bool:
    """Whether ``proposal`` reads an item that continues the exception list its previous sibling opened."""
    return (proposal is not None and positive and previous is not None and bool(_EXCEPT_COLON.search(previous))
            and proposal.pattern.startswith("condition"))
