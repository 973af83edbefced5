"""The criteria extractor: propose an eligibility rule for a criterion it understands.

The pipeline, one module per stage (precision first: a word that changes the meaning and is
not understood means no rule, or that part left as an explicit ``confirm`` question):

1. ``normalise`` — case, dashes, comparator words to symbols, unit spellings, "x ULN";
   wordings refused outright (judgement, "unless", "such as" ...) and polarity markers.
2. ``concepts`` — dictionary matching (Aho-Corasick, ``pyahocorasick``) over the terms of the
   condition, drug, lab and score vocabularies.
3. ``values`` / ``windows`` — numbers, units and thresholds; drug exposure and time windows.
   ``people`` (age, sex, consent, pregnancy), ``infections`` and ``diseases`` are the other
   statement readers; ``vocab_atoms`` reads condition and drug mentions as vocabulary facts
   (``condition_current`` a condition active now: "active substance abuse", "no active peptic ulcer"),
   ``condition_times`` a condition's window, duration and exceptions, ``classified`` a condition
   diagnosed by named criteria, ``condition_wording`` habits meant now, a site that may reach the next
   condition of a list, serious infections defined by what they required.
4. ``context`` — ConText (NegEx) negation, history and hypothetical scope, with its rules as
   data in ``resources/criteria/context_rules.json``.
5. ``logic`` — lists with and/or, "any of", "except"; unread parts become ``confirm``, unless
   ``list_scope`` finds they may reach into a condition read beside them.
6. ``rule`` — the ``Proposal`` (rule, plain words, the words each part came from, modifiable).

``drug_names`` reads the drugs a treatment statement names (lists, a bracketed exception, "X-based therapy");
``drug_needs`` a drug an illness requires; ``washout_exceptions`` a washout with another period for some drugs in
brackets; ``treatment_lists`` one window over a list of drugs and procedures ("radiotherapy or chemotherapy within the
last 4 weeks"); ``steroid_doses`` a glucocorticoid dose limit against prednisone ("> 10 mg/day prednisone or
equivalent"). ``morning_stiffness`` how long morning stiffness lasts ("morning stiffness >= 45 minutes").
``half_lives`` ("within 30 days or 5 half-lives, whichever is longer") and ``stable_doses`` ("stable dose of X for 4
weeks", "X 15-25 mg/week for 12 weeks") split words off a statement before it is read and put them back into the rule
as a step. ``propose`` reads one criterion (``propose_rule``, ``why_no_rule``), ``propose_tree`` a criteria tree
(``propose_rules``, ``propose_for_items``); ``leadins`` says what a lead-in or heading does to the items under it
(verb-phrase lead-ins, "Excluded within 4 weeks of study entry:", "None of the following:" in an inclusion list, PDQ
topic headings, scopes and alternatives that block; a sentence lead-in with its own items, "Patients must have:", ends
a childless lead-in printed before it); ``populations`` a sentence lead-in naming the trial's people by another noun
("Children may be eligible for this study if they:", "Volunteers must have:"), read as "Patients …" when the trial
names one kind of people; ``sub_items`` what a parent says of its sub-items beyond that (alternatives or qualifiers of
a statement, a drug named as a sign of an illness).

``alternative_items`` reads lab and score thresholds printed as alternatives on separate items joined by a dangling "or"
("Creatinine normal OR" / "Creatinine clearance at least 60 mL/min"); ``reproduction_sentences`` an exclusion's
reproductive states followed by what the others must do, or states or requirements one a sentence;
``reproduction_alternatives`` post-menopausal, surgically sterile or using contraception; ``reproduction_wording`` the
reason a trial gives for excluding pregnancy ("…, since the effects on the fetus are unclear") and the women a pregnancy
statement concerns said again ("in females"); ``contraception_forms`` the contraception requirement said of the men, of
every woman, or in the passive ("Effective contraceptive method must be used during study").
``organ_leads`` an organ's failing function named before the lab thresholds that define it ("impaired renal function
(creatinine > 1.5 mg/dL)"); ``lab_levels`` a lab named elevated
(above the ULN); ``enumerated`` numbered clauses inside one item ("the following criteria i) …; ii) …"), each read.
``condition_needs`` a condition said to need treatment ("CHF requiring therapy": the condition now and a confirm;
"diabetes requiring insulin": the condition now and the drug now); ``invasive`` "invasive malignancy" as the malignancy
with carcinoma in situ excepted;
``glosses`` a bracket restating the condition before it ("Progressive systemic sclerosis (scleroderma)");
``covered_parts`` "A, B or other C" read as C when C covers A and B; ``polarity_tails`` tails that only restate the
exclusion ("… will not be considered for inclusion into the trial"). Precision guards: ``footnotes`` (an item with a
footnote mark gets no rule), ``flattened_lists`` (items the source printed one level up from their lead-in, sibling
diagnoses each required alone), ``narrow_terms`` (a class term naming only a route or form of its class is not
found), ``local_forms`` ("IV or oral X" not collapsed when X is also used locally), ``descriptor_sides`` (a condition's
bracketed lab threshold read only on its abnormal side), ``hidden_cohorts`` (a top-level list that repeats an item
hides cohorts, unless the repeat is a duplicate in a row or one per PDQ topic heading). ``leadin_runs`` says where the
run of items after a blocking childless lead-in ends (an item with its own polarity after its alternatives, a PDQ
field heading), unless a lead-in of the group names a cohort or the lead-in is a permission with provisos.
``cohort_groups`` reads the items under a lead-in that names a group of participants ("Normal Subjects:", "For
affected siblings:", "Mothers may be eligible …" beside "Infants may be eligible …") as their own content bound to
that group: one question per group and trial (confirm id "cohort-K"), an exclusion present only in the group, an
inclusion met outside it.

PDQ items printed without their line breaks ("Negative pregnancy test HIV negative", ``normalise.glued_items``)
are read each on their own (``propose._glued``); ``lab_lines`` cuts a PDQ run of lab thresholds ("Hematopoietic: WBC
≥ 3,000/mm3 Platelet count ≥ 100,000/mm3 Hepatic: …") into pieces, each read; ``lab_provisos`` a lab or score
threshold's proviso ("unless due to Gilbert's syndrome", "≤ 5 x ULN if liver metastases") as a condition or a
question beside the threshold. ``drug_examples`` keeps example drugs a class does not hold beside it ("CYP3A4
inhibitors (e.g., miconazole)"); ``vaccine_notes`` drops a note that only allows killed vaccines after a live-vaccine
window; ``procedure_current`` a procedure course received now ("No concurrent radiotherapy", "on haemodialysis").
"""

from core.criteria.extract.propose import propose_rule, why_no_rule
from core.criteria.extract.propose_tree import propose_for_items, propose_rules
from core.criteria.extract.rule import Proposal, describe_rule, negate

__all__ = ["Proposal", "describe_rule", "negate", "propose_for_items", "propose_rule", "propose_rules",
           "why_no_rule"]
