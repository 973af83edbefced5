"""Drugs that a patient commonly takes in a local form too (a cream, eye drops or gel, an intravitreal implant, an
inhaler or aerosol, a vaginal form, a local injection), for the readers that must know whether the routes a
criterion names cover every form of a drug (task h-judge8).

"Intravenous or oral acyclovir" names both systemic routes, but not the cold-sore cream: the treatment facts are by
drug, not by route, so reading it as aciclovir would exclude a patient on the cream. For these drugs the routes stay
a qualifier the facts cannot hold, and the criterion is left to the clinician (precision first). The set is of
drugs the vocabulary knows; an ATC code of a local group on the drug's own entry counts too.
"""

from __future__ import annotations

from core.vocab import drugs

# ATC groups of local use: dermatologicals, sensory organs (eye, ear), stomatological, gynaecological
# anti-infectives, nasal and throat preparations, inhaled antiasthmatics, local vascular/haemorrhoidal agents
_LOCAL_ATC = ("D", "S", "A01", "G01", "R01", "R02", "R03", "C05")

# the vocabulary entries carry the systemic ATC code only; each of these also has a common local form
_LOCAL = frozenset({
    "aciclovir", "valaciclovir", "ganciclovir", "cidofovir", "foscarnet", "ribavirin", "pentamidine",
    "amphotericin_b", "ketoconazole", "clotrimazole", "miconazole", "nystatin", "terbinafine",
    "metronidazole", "clindamycin", "erythromycin", "gentamicin", "tobramycin", "colistin", "fusidic_acid",
    "ciprofloxacin", "ofloxacin", "levofloxacin", "minocycline", "doxycycline", "azithromycin", "vancomycin",
    "tacrolimus", "cyclosporine", "fluorouracil", "interferon_alfa", "bleomycin", "mitomycin",
    "hydrocortisone", "dexamethasone", "methylprednisolone", "prednisolone", "triamcinolone", "betamethasone",
    "budesonide", "fluticasone", "clobetasol",
    "diclofenac", "ibuprofen", "ketoprofen", "indometacin", "piroxicam", "ketorolac", "lidocaine", "bupivacaine",
    "morphine", "fentanyl", "salbutamol", "estradiol", "testosterone", "progesterone",
})


def has_local_form(drug_id: str) -> bool:
    """True when ``drug_id`` is commonly taken in a local form too (or is not a drug the vocabulary knows)."""
    concept = drugs.get(drug_id)
    if not isinstance(concept, drugs.Drug):
        return True
    return drug_id in _LOCAL or any(code.upper().startswith(_LOCAL_ATC) for code in concept.atc)
