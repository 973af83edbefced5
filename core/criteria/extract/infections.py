"""Statement readers for infections (HBV, HCV, HIV, TB, active infection) and malignancy with its
exceptions (read by the vocabulary reader)."""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.normalise import _clean_end, _drop_acronyms
from core.criteria.extract.rule import _all, _any, _confirm, _f, _no, _yes, negate
from core.criteria.extract.vocab_atoms import SUBJECT_TAIL, _vocab_condition

# --- infections ---------------------------------------------------------------------------

_TB = r"(?:tuberculosis|tb|(?:m\.? ?|mycobacterium )tuberculosis)"

# "with known HIV infection", "have been diagnosed with AIDS", "clinical diagnosis of AIDS": the subject's
# verbs and the diagnosis words (an HIV infection or an AIDS diagnosis stays for life: "diagnosed" is "has")
_HAVING = re.compile(r"^(?:with|having|who (?:have|has)(?: been)?|(?:have|has) been|been)\s+")
_DIAGNOSED = re.compile(r"^(?:(?:a |the |(?:have|has) (?:had )?(?:a |the )?)?(?:(?:prior|previous|clinical|documented"
                        r"|confirmed|established|known) )*diagnosis (?:of|with)|(?:clinically )?diagnosed with)\s+")
# AIDS "as defined by the CDC" (the only definition there is) names no narrower condition; "by CDC criteria"
# is a classification (``classified``)
_CDC = re.compile(r"\s*,?\s*(?:(?:as )?defined by|according to)\s+(?:the\s+)?(?:current\s+)?"
                  r"(?:(?:19|20)\d\d\s+)?(?:cdc|centers? for disease control(?: and prevention)?)(?:\s+\(cdc\))?"
                  r"(?:\s+(?:19|20)\d\d)?(?:\s+(?:surveillance\s+)?(?:case\s+)?(?:definition|criteria|classification))?$")

# the tests an HIV infection was documented by ("documented HIV infection (ELISA and Western blot positive)",
# "HIV positive by ELISA with confirmation by Western blot"): how it is known, not a narrower condition
_ASSAY = r"(?:elisa|eia|enzyme immunoassay|western blot|immunoblot)(?: (?:assays?|tests?))?"
_HIV_TESTED = re.compile(
    rf"\s*,?\s*(?:\(\s*{_ASSAY}(?:\s*(?:and|/|or|and/or)\s*{_ASSAY})?\s+positive\s*\)"
    rf"|(?:(?:as )?(?:determined|documented|confirmed|demonstrated|detected|diagnosed) )?(?:by|on|via|with) (?:both |a "
    rf"|positive |licensed )*{_ASSAY}(?:\s*(?:,|and|or|and/or|/)?\s*(?:(?:and )?(?:confirmed|with confirmation) "
    rf"(?:by|with) )?(?:a )?{_ASSAY}(?: confirmation)?)?)$")


# the hepatitis B core antibody (``lab_positive:anti_hbc``): positive after any hepatitis B infection, cleared or not
_HBC = (r"(?:(?:total )?(?:hepatitis b|hbv|hepatitis b virus) core (?:antibody|antibodies|ab)(?: total)?"
        r"|(?:antibody|antibodies) (?:to|against) (?:the )?hepatitis b core antigen|hepatitis b core antigen antibody"
        r"|hbcab|hbc ab|hbc-ab|anti-?hbc(?:ag)?(?: antibody)?|hbc antibody)")
_TB_TEST = (r"(?:ppd|tuberculin skin test|tst|quantiferon(?:-tb)?(?: gold)?(?: plus)?(?: test)?|igra"
            r"|interferon-gamma release assay|t-spot(?:\.tb)?)(?: tests?)?")
_AT_SCREENING = re.compile(r"\s*,?\s*(?:at|during) (?:the )?screening(?: visit)?$")


def serologic_words(s: str) -> bool:
    """Whether a statement names a test or its result (antigen, antibody, serology, positive)."""
    return bool(re.search(r"serolog|antibod|antigen|\bab\b|positiv|seropositiv|\btest|\bhbsag\b|\bdna\b|\brna\b", s))


# "Hepatitis B or C negative", "HIV, hepatitis B and hepatitis C negative", "negative for HIV, HBV and HCV": the
# result said once for a list of infections is each one's (normalise writes "hepatitis b or c" in full)
_NEGATIVE_LIST = re.compile(r"(?:(?:be |is |are )?(?:a )?(?:negative|seronegative)(?: (?:status|serology|tests?"
                            r"|screening))? (?:for|to) (?P<after>.+)|(?P<before>.+?),? (?:negative|seronegative))")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and/or |and |or )?|\band/or\b|\band\b|\bor\b)\s*")


def _negative_list(s: str, mode: str) -> _Atom | None:
    """Several infection tests sharing one "negative": each negative (a requirement, never an exclusion)."""
    m = _NEGATIVE_LIST.fullmatch(_strip_subject(s))
    if not m:
        return None
    listed = m.group("after") or m.group("before")
    if re.search(r"\b(?:negative|seronegative|positive|history|not|no)\b", listed):
        return None  # "HIV negative and hepatitis B positive": read item by item by the list reader
    parts = [p for p in _LIST_SEP.split(listed) if p]
    if len(parts) < 2:
        return None
    rules = []
    for part in parts:
        atom = _viral_one(f"{part} negative", mode)
        if atom is None or not atom.name.endswith("_negative"):
            return None
        rules.append(atom.rule)
    return _Atom(_all(*rules), "viral_negative", req_only=True)


def _viral(s: str, mode: str) -> _Atom | None:
    return _negative_list(s, mode) or _viral_one(s, mode)


def _viral_one(s: str, mode: str) -> _Atom | None:
    stated = re.search(r"\bdiagnos(?:is|ed)\b", s)  # "diagnosis of AIDS" states it, as "HIV-positive" does
    s = _HAVING.sub("", _strip_subject(SUBJECT_TAIL.sub("", _drop_acronyms(s))))
    s = _AT_SCREENING.sub("", s)  # "HBsAg positive at screening": when the test is done, not what it says
    diagnosed = _DIAGNOSED.match(s)
    if diagnosed:  # only the lifelong ones (HIV, AIDS) below; "diagnosis of hepatitis C" says nothing of now
        s = s[diagnosed.end():]
    t = _CDC.sub("", s) if re.search(r"\b(?:aids|hiv)\b", s) else s
    t = _HIV_TESTED.sub("", t) if re.search(r"\bhiv\b", t) else t
    if diagnosed and not re.fullmatch(r"(?:hiv|human immunodeficiency virus)(?:[- ]?1)?(?: infection| disease)?"
                                      r"|aids|acquired immune ?deficiency syndrome", t):
        return None
    neg = re.search(r"\b(?:negative|seronegative|negativity)\b", t)
    # "negative for HIV", "negative HIV test", "negativity for hepatitis B surface antigen", "HIV-negative"
    t = re.sub(r"^(?:be |is |are )?(?:a |an )?(?:negative|seronegative|negativity)(?: (?:test|testing|screening"
               r"|serology|status|result|elisa|eia))?(?: (?:for|to))? ", "", t) if neg else t
    t = re.sub(r"[\s-]*\b(?:negative|seronegative|negativity)\b(?: (?:at|during) screening)?$", "", t) if neg else t
    t = re.sub(r"^(?:known|documented|confirmed|current|chronic|positive (?:test(?:s)? for|results? for|serology for"
               r"|for)|a positive|positive|serological evidence of(?: infection with)?"
               r"|serologic evidence of(?: infection with)?"
               r"|evidence of(?: infection with)?|infection with|presence of|(?:be )?infected with|seropositiv\w+ for"
               r"|test(?:s)? positive for|tested positive for)\s+", "", t)
    t = re.sub(r"^(?:known|documented|confirmed|current|chronic|active)\s+", "", t)
    t = re.sub(r"^(?:positive (?:test(?:s)? for|results? for|serology for|for)|serological evidence of"
               r"(?: infection with)?|evidence of(?: infection with)?|infection with|presence of|seropositiv\w+ for"
               r"|test(?:s)? positive for)\s+",
               "", t)
    serologic = bool(re.search(r"serolog|antibod|\bab\b|positive|seropositiv|test", s))
    hist = s.startswith("history of") or "history" in s
    # "active hepatitis B/C": the infection active now (``condition_current``), asked as such — an inactive
    # HBsAg carrier or a cleared HCV infection with antibodies is not "active"; a named test stays a test
    active = bool(re.match(r"(?:(?:known|currently|presently)\s+)?active\s+", s)) and not serologic_words(s)
    rule = None
    name = ""
    if re.fullmatch(r"(?:hiv|human immunodeficiency virus)(?:[- ]?1)?(?:[- ](?:infection|infected|positive|positivity"
                    r"|antibody(?: positive| test)?|antibodies|seropositive|seropositivity|disease|test|serology|\+)"
                    r"(?: status)?)?|hiv\s*\+", t):  # "HIV-1 seropositive status"
        rule, name = _yes("hiv"), "hiv"
    elif re.fullmatch(r"(?:(?:a )?(?:history of|prior|previous) )?(?:aids|acquired immune ?deficiency syndrome)", t) \
            and not neg:
        rule, name = _yes("condition:aids"), "aids"  # AIDS, not every HIV infection: "no AIDS" admits HIV
    elif re.fullmatch(r"(?:circulating )?(?:hepatitis b surface antigen|hbsag|hbs ag|hbs antigen|hepatitis b antigen"
                      r"|hepatitis b virus antigen)(?: \(hbsag\))?(?: positiv\w+| test)?"
                      r"|(?:circulating )?hepatitis b (?:surface )?antigenemia"
                      r"|(?:chronic )?(?:hepatitis b|hbv|hbsag)(?: virus)? carriers?(?: status)?", t):  # HBsAg carriers
        rule, name = _yes("hbsag_positive"), "hbsag"
    elif re.fullmatch(rf"{_HBC}(?: positiv\w+| test)?", t):
        rule, name = _f("lab_positive:anti_hbc", "=", True), "hbcab"  # the antibody: a past or present infection
    elif re.fullmatch(r"(?:hepatitis b|hbv)(?: virus)?(?: \(hbv\))?(?: infection)?", t) and not hist and active:
        rule, name = _yes("condition_current:hepatitis_b"), "hbv_active"
    elif re.fullmatch(r"(?:hepatitis c|hcv)(?: virus)?(?: \(hcv\))?(?: infection)?", t) and not hist and active:
        rule, name = _yes("condition_current:hepatitis_c"), "hcv_active"
    elif re.fullmatch(r"(?:hepatitis b|hbv)(?: virus)?(?: \(hbv\))?(?: infection)?", t) and not hist and not (
            serologic and "surface" not in s):
        if s.startswith(("active", "chronic", "known active")) or re.search(r"infection|hepatitis b virus|hbv|^"
                                                                            r"hepatitis b$",
                                                                             t):
            rule, name = _yes("hbsag_positive"), "hbsag"
    elif re.fullmatch(r"(?:hepatitis c|hcv|hvc)(?: virus)?(?: \(hcv\))? ?(?:antibody|antibodies|ab|serology)"
                      r"(?: positiv\w+)?|anti-?hcv(?: antibody)?(?: positiv\w+)?", t) or (
            re.fullmatch(r"(?:hepatitis c|hcv)(?: virus)?(?: infection)?", t) and re.search(r"serolog|antibod", s)):
        rule, name = _yes("hcv_antibody_positive"), "hcv_antibody"
    elif re.fullmatch(r"(?:hepatitis c|hcv)(?: virus)?(?: \(hcv\))?(?: infection)?", t) and not hist:
        rule = _all(_yes("hcv_antibody_positive"),
                    _confirm("Is there a current hepatitis C infection (not only a positive antibody test)?",
                             "hcv_active"))
        name = "hcv"
    elif re.fullmatch(rf"active {_TB}(?: infection| disease)?", t) or re.fullmatch(
            rf"active {_TB}(?: infection| disease)?", s):
        rule, name = _yes("tb_active"), "tb_active"
    elif re.fullmatch(rf"latent (?:tuberculosis|tb)(?: infection)?|(?:a )?positive {_TB_TEST}(?:\s*(?:,|or|and/or|/)\s*"
                      rf"(?:a )?{_TB_TEST})*", s):  # "positive IGRA or TST": either test, one fact
        rule, name = _yes("tb_latent"), "tb_latent"
    if rule is None or (re.search(r"\b(?:test|serology)$", t) and not (neg or re.search(r"positiv", s))):
        return None  # "HIV test" names the test, not its result
    if hist and name not in ("hiv", "aids"):
        return None
    if neg:
        if name in ("hiv", "hbsag", "hcv_antibody", "hbcab"):
            return _Atom(negate(rule), name + "_negative", req_only=True)
        if name == "hcv":  # "hepatitis C negative": the screening test for it, the antibody, is negative
            return _Atom(_no("hcv_antibody_positive"), "hcv_antibody_negative", req_only=True)
        return None
    # a bare name in an inclusion ("HIV") may be a heading or the trial's topic; "HIV-positive", "infected with
    # HIV", "HBsAg positive" state what the patient must have
    explicit = (bool(stated) and name in ("hiv", "aids")
                or bool(re.search(r"positiv|infect|\+", s)) and name in ("hiv", "hbsag", "hcv_antibody", "hbcab"))
    return _Atom(rule, name, cond_only=not explicit, confidence=0.8 if name == "hcv" else 0.9)


# "active or uncontrolled infection", "chronic or active infections" (issue 16, h-cond7): two time words over one
# infection, each either; never "active, uncontrolled infection" (both at once: a judgement narrows it)
_ACTIVE_EITHER = re.compile(r"(?:active (?:or|and/or) (?P<other>uncontrolled|chronic)|(?P<first>uncontrolled|chronic)"
                            r" (?:or|and/or) active) infections?(?: at screening| at baseline)?")


def _infection(s: str, mode: str) -> _Atom | None:
    t = re.sub(r"^(?:(?:patients?|subjects?|participants?|individuals?) (?:with|who (?:have|has)|having) )?"
               r"(?:presence of |evidence of |any |an |current |concurrent |known )*", "", s)
    # "(clinical) evidence of infection": evidence is what is found now, the active infection (h-cond8)
    if re.fullmatch(r"(?:(?:patients?|subjects?|participants?|individuals?) (?:with|who (?:have|has)|having) )?"
                    r"(?:clinical |laboratory |microbiological )?evidence of (?:an? |any )?infections?", s):
        return _Atom(_yes("active_infection"), "active_infection", cond_only=True)
    # "active infectious disease", "active infectious process": the infection the fixed fact asks (h-cond7)
    t = re.sub(r"^((?:current(?:ly)? )?active) infectious (?:diseases?|process(?:es)?|illness(?:es)?)$",
               r"\1 infection", t)
    if re.fullmatch(r"(?:current(?:ly)? )?active (?:bacterial, viral or fungal |bacterial or viral |viral or ba"
                    r"cterial )?"
                    r"infections?(?: at screening| at baseline)?", t):
        if re.search(r"bacterial|viral", t):
            return None
        return _Atom(_yes("active_infection"), "active_infection", cond_only=True)
    either = _ACTIVE_EITHER.fullmatch(t)
    if either:
        # "active or uncontrolled infection": an uncontrolled infection is an active one, so the two are the active
        # infection; "active or chronic infection" adds a chronic infection present now (a carrier state too)
        if (either.group("other") or either.group("first")) == "uncontrolled":
            return _Atom(_yes("active_infection"), "active_infection", cond_only=True)
        return _Atom(_any(_yes("active_infection"), _yes("condition_current:chronic_infection")),
                     "active_infection", cond_only=True)
    if re.fullmatch(r"(?:active )?(?:infections?|infection) requiring (?:iv|intravenous|parenteral) "
                    r"(?:antibiotics?|antimicrobials?|anti-infectives?|antimicrobial therapy|antibiotic therapy)", t):
        return _Atom(_yes("active_infection_requiring_iv"), "infection_iv", cond_only=True)
    # "serious/severe active infection" with nothing that defines "serious" is the investigator's judgement (the
    # labels' convention, issue 16): no rule. The fact ``severe_active_infection`` stays for hand-written rules.
    return None


# --- malignancy ---------------------------------------------------------------------------

_CANCER = r"(?:malignanc(?:y|ies)|cancers?|malignant (?:tumou?rs?|neoplasms?|disease)|neoplasms?|neoplastic disease)"


def _malignancy(s: str, mode: str) -> _Atom | None:
    if not re.search(_CANCER, s):
        return None
    m = re.match(r"(.*?)\s*,?\s*\(?\s*(?:except(?: for)?|other than|with(?: the)? exception of|excluding|apart "
                 r"from)\s+(.*?)"
                 r"\)?$", s)
    head, carve = (m.group(1), m.group(2)) if m else (s, "")
    head = _clean_end(head)
    window = None
    if carve or re.search(r"\b(?:within|in the (?:last|past))\b", head):
        # a window or named exceptions: the vocabulary reader holds both (the latest diagnosis, conditions
        # below "malignancy"); a window or an exception it cannot read gets no rule rather than a partial one.
        # (The fact "every malignancy a cured carcinoma in situ of the skin or cervix" is no reading of "other
        # than basal cell or squamous cell cancer of the skin": it excludes an untreated or invasive one, which
        # the text excepts; independent audit seed 5152.)
        return _vocab_condition(s, mode)
    w = re.search(r"\s*,?\s*(?:(?:diagnosed|treated|occurring|active)\s+)?(?:within|in)\s+(?:the\s+)?(?:last|pa"
                  r"st|previous"
                  r"|preceding|prior)?\s*(\d+)\s+(years?|months?)(?:\s+(?:prior to|before)\s+(?:screening|study entry"
                  r"|enrollment|enrolment|randomi[sz]ation|baseline|the first dose of study drug))?$", head)
    if w:
        window = w.group(0).strip(" ,")
        head = head[: w.start()].strip()
    h = re.sub(r"\s+", " ", head)
    current_or_window = False
    if window:
        h2 = re.sub(rf"^(?:known|current|active|any) {_CANCER} or (?:a |any )?(?:history of|prior|previous) "
                    rf"({_CANCER})$",
                    r"history of \1", h)
        current_or_window = h2 != h
        h = h2
    active = False
    hm = re.fullmatch(rf"(?:(?:a |any )?(?:personal )?(?:history of|prior|previous|past|pre-?existing|preexisting"
                      rf"|pre-?existent|history or presence of|prior or current|current or prior"
                      rf"|current or past|past or current|previous or current|(?:pre-?existing|preexisting)"
                      rf" or coexisting)\s+)+(?:(?:any|a)\s+)?{_CANCER}", h)
    am = re.fullmatch(rf"(?:(?:any|a)\s+)?(?:active|current|current evidence of|known active|ongoing|concurrent"
                      rf"|coexisting|co-existing|concomitant|current diagnosis of"
                      # two time words together ("no concurrent active malignancy", h-cond11)
                      rf"|(?:concurrent|concomitant|current|currently|co-?existing) active|active (?:concurrent"
                      rf"|concomitant))\s+{_CANCER}", h)
    if am:
        active = True
    elif not hm:
        return None
    if active and window:
        return None
    base = _yes("malignancy")
    if active:
        rule = _all(base, _no("malignancy_inactive"))
        return _Atom(rule, "malignancy_active", cond_only=True, confidence=0.85)
    parts = [base]
    name = "malignancy"
    confidence = 0.9
    if window and current_or_window:
        parts.append(_confirm(f"Is there a current malignancy, or was there one {window}?", "window"))
    elif window:
        parts.append(_confirm(f"Did the malignancy occur {window}?", "window"))
        name += "_window"
        confidence = min(confidence, 0.8)
    return _Atom(_all(*parts), name, cond_only=True, confidence=confidence)


