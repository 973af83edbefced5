"""Where the run of items after a childless lead-in ends (issue 16, task h-context10).

A childless lead-in ("Incomplete response to treatment with at least one of the following:", "No prior malignancy
within 5 years except adequately treated:", "… as evidenced by signs such as:") reaches the items printed after it
among its siblings: they are its alternatives, exceptions, examples or counted criteria, and are not read on their
own (``propose_tree``). In the flattened PDQ and NIH Clinical Center layouts the lead-in's items are followed, in the
same list, by the trial's other criteria, and the run never ended: "No pregnant women …", "No history of stroke …"
after the regimens of "at least one of the following:" were all left unread.

``ends_run`` says where such a run ends: at an item that states its own polarity ("No …", "Not pregnant or
nursing", "Must not have …") after items that did not ("MTX plus HCQ;"), which cannot be one more of the lead-in's
alternatives, exceptions or examples, or at an item that starts with a PDQ field heading of its own ("Renal:
Creatinine …"). The first item after a lead-in is always its own ("Patients must meet one of the following:" over "No
prior chemotherapy"), and alternatives that are all negated stay together. Every item after the end is read as it
stands (until the next lead-in). Some lead-ins keep their whole group:

* a lead-in that names a group of people or a part of the study ("Normal volunteers:", "For arm B:", "Donor:",
  "Group 3:", "Patients in stratum I:"): a negated item there is still said of that group only ("Must not be
  pregnant" under "Donor:");
* a permission with provisos ("CNS metastases allowed provided:", "Prior radiotherapy allowed:", "… unless:"): its
  provisos are often negated ("No requirement for concurrent steroids"), so only a field heading ends its run;
* a lead-in that itself negates or flips its items ("None of the following:") is not blocking and is not touched.

A negated item that may itself be an alternative ("Not a candidate for surgery", "Not eligible for …") does not end
the run.

In an exclusion list a pregnancy or lactation state ("Pregnancy.", "Pregnant or nursing patients", "The patient is
pregnant.") also ends the run (h-repro11): after "The following pre-existing conditions will exclude patients from the
study:" or "Use of the following … prior to entry:" it excludes on its own whether or not the lead-in reaches it, and
it is never one of a treatment lead-in's drugs. Not after "all of the following" (the state alone would exclude more
than the conjunction), and not in an inclusion list (a pregnancy may be one of "one of the following" there).
"""

from __future__ import annotations

from core.criteria.extract import populations, reproduction_wording
from core.criteria.extract import rx as re
from core.criteria.extract.normalise import _clean_end, _norm
from core.criteria.extract.people import _pregnancy
from core.trial_record import EXCLUSION

# an item that states its own polarity: an exclusion in effect, never one of a lead-in's alternatives or examples
_OWN_POLARITY = re.compile(r"^\W*(?:no|not|none|never|without|absence of|free of"
                           r"|(?:(?:the )?(?:patients?|subjects?|participants?) )?(?:must|should|may) not)\b",
                           re.IGNORECASE)
# a negated state that may be an alternative itself ("one of the following: not a candidate for surgery; …")
_NEGATED_STATE = re.compile(r"^\W*(?:(?:must|should|may) not|not)\s+(?:be\s+)?(?:an?\s+)?(?:candidates?|eligible"
                            r"|suitable|amenable|able|appropriate|willing|responsive|responding|responded|tolerant"
                            r"|tolerat\w*|controlled|adequately|achiev\w*|improv\w*|in remission)\b", re.IGNORECASE)
# a lead-in naming a group of people or a part of the study: its items are said of that group, negated or not
_COHORT = re.compile(r"^\W*(?:for|only)\b|^\W*(?:patients?|subjects?|participants?|recipients?)"
                     r"(?: (?:criteria|eligibility|inclusion|selection))?\s*(?::|--)?\s*$"
                     r"|\b(?:groups?|arms?|cohorts?|strat\w*|part [a-z0-9]+|parts?|controls?|healthy|volunteers?"
                     r"|normal(?= (?:volunteers?|subjects?|controls?|individuals?|participants?|persons?)|\s*:)"
                     r"|siblings?|sibs?|relatives?|mothers?|fathers?|parents?|donors?|recipients?|children|child"
                     r"|adults?|adolescents?|infants?|neonates?|partners?|caregivers?|famil(?:y|ies)|household"
                     r"|contacts?|substud\w*|sub-stud\w*|steps? [ivx0-9]+|phases? [ivx0-9]+|cases?|probands?|twins?"
                     r"|spouses?|women|men|males?|females?|boys|girls)\b", re.IGNORECASE)
# a condition or a stage of the study ("In the absence of marrow involvement:", "If female:", "Post-chemotherapy
# eligibility:"): its items are said of it, but a lead-in printed after it starts again
_CONDITIONAL = re.compile(r"^\W*(?:in|if|when|while|during|after|before|prior to)\b|\b(?:pre|post)[- ](?:chemo\w*"
                          r"|treatment|transplant\w*|operative|surgery|surgical|induction|consolidation|randomi[sz]ation"
                          r"|infusion)\b", re.IGNORECASE)
# a lead-in whose items are the provisos of a permission ("CNS metastases allowed provided:", "Prior radiotherapy
# allowed:"): a negated proviso ("No requirement for concurrent steroids") is said of those patients only
_PROVISO = re.compile(r"\b(?:allowed|permitted|provided|providing|as long as|so long as|if|unless|acceptable"
                      r"|accepted|eligible if|on condition)\b", re.IGNORECASE)
# a PDQ field heading glued to the item ("Renal: Creatinine no greater than 1.5 times ULN", "Chemotherapy: No prior
# chemotherapy"): a new topic of the list, never an alternative or an example of the lead-in before it
_FIELD = re.compile(r"^\W*(?:age|sex|performance status|life expectancy|hematopoietic|haematopoietic|hepatic|renal"
                    r"|cardiovascular|cardiac|pulmonary|neurologic(?:al)?|other|chemotherapy|radiotherapy"
                    r"|biologic therapy|endocrine therapy|surgery|immunologic|gastrointestinal|menopausal status"
                    r"|hormone receptor status|prior/concurrent therapy|patient characteristics"
                    r"|disease characteristics)"
                    r"\s*(?::|--)\s*\S", re.IGNORECASE)

def ends_run(leadin_texts: list[str], run: list[str], item_text: str, kind: str | None = None) -> bool:
    """Whether an item printed after a blocking childless lead-in (the last of ``leadin_texts``, the childless
    lead-ins printed before the item in its group; ``run`` the items printed since it) is no longer in its run: no
    lead-in of the group names a group of people or a part of the study ("Patient:" then "AML in remission
    (Exceptions:"), the lead-in has had an item, and this item starts a PDQ field of its own, or states its own
    polarity after an item that did not (an item of another form) and a lead-in that is no permission with
    provisos."""
    item = " ".join((item_text or "").split())
    leads = [" ".join((text or "").split()) for text in leadin_texts]
    if not leads or not run or _CONDITIONAL.search(leads[-1]) or any(names_group(lead) for lead in leads):
        return False
    if _FIELD.match(item):
        return True
    if kind == EXCLUSION and _reproductive_state(item) and not re.search(r"\b(?:all|each|both) (?:of )?(?:the )?"
                                                                        r"following\b", leads[-1], re.IGNORECASE):
        return True
    return (_own_polarity(item) and not any(_own_polarity(" ".join(text.split())) for text in run)
            and not _PROVISO.search(leads[-1]))


def _own_polarity(item: str) -> bool:
    return bool(_OWN_POLARITY.match(item)) and not _NEGATED_STATE.match(item)


def names_group(leadin_text: str) -> bool:
    """Whether a lead-in names a group of people or a part of the study ("Donor:", "For arm B:", "Group 3:",
    "Mothers may be eligible for this study if they:")."""
    lead = " ".join((leadin_text or "").split())
    return bool(_COHORT.search(lead)) or populations.as_patients(lead) is not None


def _reproductive_state(item: str) -> bool:
    """A pregnancy or lactation state read on its own as an exclusion, and nothing else."""
    atom = _pregnancy(_clean_end(_norm(item)), "cond")
    return atom is not None and reproduction_wording.states_only(atom.rule) and "confirm" not in str(atom.rule)
