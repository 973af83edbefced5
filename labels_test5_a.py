"""Hand labels of test5, part A (rheumatology items 0-79), written as Python for brevity; emits JSONL."""
import json
import sys

T = True
F = False
OUT = []


def L(id_, cat, fams, reading=None, mod=False, note=""):
    OUT.append({"id": id_, "category": cat, "families": fams, "modifiable": mod, "reading": reading, "note": note})


def E(id_, fams, reading, mod=False, note=""):
    L(id_, "expressible", fams, reading, mod, note)


def NX(id_, fams, note, mod=False):
    L(id_, "not_expressible", fams, None, mod, note)


def J(id_, fams, note=""):
    L(id_, "judgement", fams, None, False, note)


def NC(id_, note=""):
    L(id_, "non_criterion", [], None, False, note)


def W(n, u):
    return {"within": [n, u]}


def drug(name, cls=F, **kw):
    d = {"drug": name, "class": cls}
    d.update(kw)
    return d


def cond(name, **kw):
    d = {"condition": name}
    d.update(kw)
    return d


def lab(name, op, value, unit):
    return {"lab": name, "op": op, "value": value, "unit": unit}


def pos(name):
    return {"lab": name, "result": "positive"}


def fact(name, value=True, **kw):
    d = {"fact": name, "value": value}
    d.update(kw)
    return d


def any_(*p):
    return {"any": list(p)}


def all_(*p):
    return {"all": list(p)}


def not_(p):
    return {"not": p}


PREG = {"pregnant": True}
LACT = {"lactating": True}

E("NCT05843643:inc-2.2", ["lab"], pos("anti-dsDNA"),
  note="one alternative under 'at least one of the following': read as its own content")
E("NCT00005571:inc-4", ["score"], {"score": "manual muscle testing (MMT, of 170)", "op": "<=", "value": 136})
J("NCT05925803:exc-12", ["condition"], "'severe' with no definition")
E("NCT00001789:inc-23", ["treatment", "washout"],
  not_(fact("azathioprine, methotrexate or mycophenolate mofetil started within 4 weeks before the first study dose")),
  mod=T, note="initiation (start date), not any use: a fact; modifiable (time passes)")
E("NCT00001212:exc-15", ["condition"], cond("coronary artery disease"))
E("NCT00004662:inc-2", ["condition"], cond("systemic lupus erythematosus", classification="ACR 1982",
                                            time={"for_at_least": [6, "months"]}))
J("NCT00001421:inc-20", ["condition"], "in the judgement of the investigators")
E("NCT00001862:inc-6", ["vaccine"], fact("up to date on all recommended childhood immunizations"), mod=T)
E("NCT00001885:exc-5", ["condition"], cond("arthritis", narrower=T, **{"except": ["rheumatoid arthritis"]}),
  note="'Non-rheumatoid arthritis' = any arthritis other than RA")
E("NCT05814159:exc-2.2", ["treatment", "washout"],
  any_(drug("dapsone", time=W(3, "weeks")), drug("etanercept", time=W(3, "weeks"))), mod=T,
  note="diaminodiphenyl sulfone = dapsone")
E("NCT00000419:exc-2", ["condition"], any_(cond("deep vein thrombosis"), cond("arterial thrombosis"),
                                          cond("pulmonary embolism")),
  note="no period stated: read with no time")
NX("NCT00001680:inc-5", ["procedure"], "willingness to undergo study biopsies: study conduct")
NC("NCT00004643:inc-1", "heading")
NC("NCT00001678:inc-10.2", "an example case under a permission to invite relatives; states no condition on the patient")
E("NCT00000401:exc-9", ["procedure"], any_({"procedure": "autologous stem cell transplantation", "time": "ever"},
                                          {"procedure": "allogeneic stem cell transplantation", "time": "ever"}),
  note="heterologous read as allogeneic")
E("NCT00461448:exc-1", ["condition", "lab", "organ_function"],
  any_(cond("kidney disease", narrower=T), cond("kidney stones", time=W(5, "years")),
       lab("creatinine clearance", "<", 50, "mL/min/1.73 m2"), cond("liver disease", narrower=T)),
  note="'abnormal kidney' read as kidney disease; the 'including' list does not restrict it")
E("NCT00001614:inc-11", ["treatment", "washout"],
  not_(drug("collagen preparation (shark or other, health food)", cls=T, time=W(1, "years"))), mod=T)
NX("NCT00007267:exc-2", ["condition", "score"],
   "MMSE threshold lost to the next item (text ends with '<'); partial: delirium, dementia or cognitive impairment")
E("NCT00463125:exc-3", ["condition"], fact("necrotic material occluding the wound bed"))
E("NCT00004786:inc-2", ["condition"], not_(cond("platelet disorder", narrower=T)))
E("NCT00001541:exc-2", ["vital"], fact("oxygen saturation", op="<", value=90, unit="%"))
E("NCT00462072:inc-15", ["treatment"], fact("scheduled to receive infliximab as part of usual care"))
J("NCT00001953:inc-5", ["lab"], "'serologic abnormalities' names no test or threshold")
NX("NCT00001261:inc-3", ["condition"],
   "lead-in with a condition of its own ('active, bona fide disease', suitable for IVIg) whose criteria are in the "
   "sub-items: incomplete as split")
E("NCT00000429:inc-2", ["age"], {"age": {"op": "between", "value": [6, 18], "unit": "years"}})
E("NCT00005675:exc-6", ["pregnancy"], PREG)
J("NCT00001676:inc-23", ["condition"], "in the judgment of investigators; examples follow in sub-items")
NX("NCT00001372:exc-1", ["condition", "infection"],
   "mixes facts (HIV, active malignancy) with 'other significant medical conditions that may interfere': partial "
   "any[HIV infection, active malignancy]")
E("NCT00004567:inc-1.1", ["lab", "condition"],
  all_(pos("ANCA (C- or P-ANCA)"),
       any_(all_(fact("red blood cell casts in urine"), fact("proteinuria")),
            fact("renal biopsy showing necrotizing glomerulonephritis without immune deposits"))),
  note="one alternative under the lead-in ('meet one of the following'); read as its own content")
NX("NCT00001884:inc-5", ["condition", "age", "sex"],
   "matching to a patient by age and gender is study design; partial: healthy volunteer without chronic "
   "cardiopulmonary disorder, collagen vascular disease or bleeding disorder")
E("NCT00000106:inc-3", ["treatment"],
  drug("DMARD (hydroxychloroquine, gold, methotrexate, azathioprine, penicillamine, sulfasalazine)", cls=T,
       response="inadequate", count={"op": ">=", "value": 2}),
  note="the class is the listed drugs only")
NX("NCT00001679:inc-3", ["other_trial"], "being evaluated under named NIH protocols: enrolment in a site protocol")
E("NCT00006292:inc-8", ["treatment"],
  all_(drug("methotrexate", response="inadequate", stable_dose=[6, "weeks"],
            dose={"op": "between", "value": [12.5, 15], "unit": "mg/week oral"}),
       not_(drug("methotrexate", time=W(1, "years"), dose={"op": ">", "value": 15, "unit": "mg/week"})),
       not_(drug("DMARD other than methotrexate", cls=T, time="current"))),
  mod=T, note="'for a minimum of 6 weeks' at that dosage read as the stable period; other DMARDs to stop (modifiable)")
E("NCT00004686:inc-11.2", ["condition"], not_(cond("symptomatic peptic ulcer disease", time=W(3, "months"))))
NX("NCT00000407:inc-5", ["other"], "wanting to work: employment, not a clinical fact")
E("NCT00001852:exc-7", ["condition"], cond("graft versus host disease"))
E("NCT00001156:exc-5", ["consent"], not_({"consent": True}), note="inability to consent: not modifiable")
E("NCT00001901:inc-2", ["lab", "condition"],
  any_(all_(pos("ANCA (C- or P-ANCA)"),
            any_(all_(fact("red blood cell casts in urine"), fact("proteinuria")),
                 fact("renal biopsy showing necrotizing glomerulonephritis without immune deposits"))),
       all_(pos("ANCA (C- or P-ANCA)"), fact("granulomatous inflammation on biopsy"),
            fact("abnormal chest radiograph (nodules, fixed infiltrates or cavities)"),
            fact("nasal/oral inflammation on clinical examination"))),
  note="two alternatives a) and b) in one item (the 'a)' marker lost); read as any of them")
E("NCT00004563:exc-4", ["treatment"],
  any_(drug("prednisone", time="current", dose={"op": ">", "value": 10, "unit": "mg/day"}),
       drug("oral cyclophosphamide", time={"for_at_least": [4, "weeks"]}),
       drug("intravenous cyclophosphamide", count={"op": ">=", "value": 2})),
  note="ends with a comma (a list of alternatives, each complete); oral CYC 'for more than four weeks' read as "
       "for_at_least 4 weeks; disease treatment: not modifiable")
E("NCT00001375:inc-7", ["condition", "procedure"],
  all_(fact("clinically active arthritic joint", op=">=", value=1),
       {"procedure": "percutaneous needle synovial biopsy", "time": "planned"}),
  note="'under consideration for' biopsy read as planned")
E("NCT00001473:exc-4", ["lab", "infection"],
  any_(pos("anti-HIV"), pos("anti-HCV"), pos("HBsAg")),
  note="the second sentence is study conduct (when the test is done), no condition")
E("NCT00007358:inc-1.2", ["condition", "pregnancy"], cond("fetal bradyarrhythmia"))
E("NCT05843643:inc-2.1", ["lab"], lab("ANA", ">=", 80, "titer 1:N"),
  note="one alternative under 'at least one of the following'; 'positive (titer >= 1:80)' = titer >= 1:80")
E("NCT00005571:inc-25", ["pregnancy", "lactation"], not_(any_(PREG, LACT)),
  note="inclusion item written against its list")
E("NCT05925803:exc-10", ["procedure"], any_({"procedure": "major surgery", "time": W(8, "weeks")},
                                           {"procedure": "major surgery", "time": "planned"}),
  note="'during study enrollment' read as planned")
E("NCT00001789:inc-18", ["treatment", "washout", "other_trial"],
  not_(any_(drug("therapeutic antibody", cls=T, time=W(3, "months")),
            drug("investigational drug", cls=T, time=W(3, "months")))), mod=T)
NX("NCT00001212:exc-12", ["procedure", "organ_function"],
   "'severe' tubular atrophy / interstitial fibrosis have no scale; partial: renal biopsy with global sclerosis of "
   "> 50 % of glomeruli")
NC("NCT00004662:inc-1.1", "heading")
E("NCT00001421:inc-14", ["condition", "lab"],
  not_(any_(cond("hepatitis", narrower=T, time="ever"), lab("liver function tests", ">", 1, "x ULN"))),
  note="'abnormal' LFT read as above the ULN (as test2)")
E("NCT00001862:inc-2", ["condition", "score", "treatment"],
  all_(cond("anterior uveitis", time="current"),
       any_({"score": "anterior chamber cell grade", "op": ">=", "value": 1},
            drug("topical corticosteroid", cls=T, time="current",
                 dose={"op": ">=", "value": 3, "unit": "times/day"}))),
  note="active disease as defined in the item")
E("NCT00001885:inc-5", ["other"], fact("healthy volunteer"), note="as dev's 'Healthy controls'")
E("NCT05814159:exc-10", ["condition"], cond("macrophage activation syndrome", time=W(8, "weeks")))
E("NCT00000419:exc-3", ["lab"],
  any_(lab("anticardiolipin IgG", ">", 40, "GPL"), lab("anticardiolipin IgM", ">", 40, "MPL"),
       lab("anticardiolipin IgA", ">", 50, "APL"), lab("dRVVT", ">", 37, "s")),
  note="exclusion list: any of the thresholds")
E("NCT00001680:inc-14", ["lab", "organ_function"], not_(lab("liver function tests", ">", 2, "x ULN")),
  note="the parenthesis defines hepatic dysfunction")
NC("NCT00004643:inc-9", "heading")
E("NCT00001678:exc-3", ["consent"], not_({"consent": True}), note="inability to consent: not modifiable")
J("NCT00000401:exc-4", ["condition"], "in the opinion of the investigator")
E("NCT00461448:inc-1", ["age"], {"age": {"op": ">=", "value": 18, "unit": "years"}})
NX("NCT00001614:inc-14", ["treatment", "washout"],
   "'likely to need latanoprost during the study' is a prediction; partial: not (latanoprost current or within "
   "2 weeks)", mod=T)
E("NCT00004786:inc-4", ["lab", "organ_function"], lab("creatinine clearance (estimated)", ">=", 30, "mL/min"))
E("NCT00001541:exc-1", ["organ_function"], fact("FEV1/FVC", op="<", value=55, unit="%"))
E("NCT00462072:inc-18", ["condition"], cond("psoriatic arthritis", classification="CASPAR"))
NC("NCT00001953:inc-7", "lead-in whose meaning is in its sub-items")
J("NCT00001261:exc-2", ["condition"], "'critically ill' with examples ('such as') under an open class")
E("NCT00000429:exc-5", ["pregnancy"], any_(PREG, cond("pregnancy", time="ever")))
E("NCT00005675:exc-11", ["procedure"], any_({"procedure": "organ transplantation", "time": "ever"},
                                           {"procedure": "stem cell transplantation", "time": "ever"}))
NX("NCT00001676:inc-13", ["treatment"],
   "lead-in ending with ':' whose conditions (periods/doses) are in the sub-items: incomplete as split")
J("NCT00001372:exc-3", ["other"], "ability/willingness to comply")
E("NCT00004567:exc-5", ["condition_history", "treatment"],
  any_(cond("cyclophosphamide-induced pneumonitis", time="ever"), cond("methotrexate-induced pneumonitis", time="ever")))
NC("NCT00001884:exc-1", "lead-in whose meaning is in its sub-items")
E("NCT00001679:inc-9", ["pregnancy"], not_(PREG))
E("NCT00006292:inc-9", ["treatment", "washout"],
  all_(not_(drug("DMARD other than methotrexate", cls=T, time=W(2, "weeks"))),
       any_(not_(drug("NSAID", cls=T, time="current")), drug("NSAID", cls=T, stable_dose=[4, "weeks"]))),
  mod=T, note="NSAIDs are a permission with a stable-dose condition (test4 convention): not taking them, or stable "
              "4 weeks")
NX("NCT00004686:inc-9.2", ["lab"],
   "'other' refers to the sibling items' liver tests and 'reproducible' needs repeat testing: incomplete as split")
NX("NCT00001852:exc-9", ["other_trial"], "completion of a named protocol's procedures: study conduct")
E("NCT00001901:exc-3", ["pregnancy", "lactation"], any_(PREG, LACT))
E("NCT00004563:inc-2", ["condition"],
  fact("time since onset of the first non-Raynaud symptom of scleroderma", op="<=", value=7, unit="years"))
NX("NCT00001375:inc-5", ["lab", "condition", "procedure"],
   "says when the biopsy is not done (study conduct) and the list is garbled ('bleeding diathesis in the skin over "
   "the joint'); partial: not (platelets < 70,000/mm3 or bleeding diathesis or sepsis)")
J("NCT00001473:exc-1", ["infection"], "in the judgement of the investigator")
E("NCT00007358:inc-2.2", ["pregnancy"], fact("documented normal fetal heartbeat before week 16 of pregnancy"))
E("NCT05843643:inc-5.1", ["treatment"],
  any_(drug("hydroxychloroquine", stable_dose=[30, "days"], dose={"op": "<=", "value": 400, "unit": "mg/day"}),
       drug("chloroquine", stable_dose=[30, "days"], dose={"op": "<=", "value": 500, "unit": "mg/day"}),
       drug("quinacrine", stable_dose=[30, "days"], dose={"op": "<=", "value": 100, "unit": "mg/day"})),
  mod=T, note="the lead-in gives the stable period (30 days), the item the drugs: one alternative of the lead-in's list")

if __name__ == "__main__":
    sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in OUT))
