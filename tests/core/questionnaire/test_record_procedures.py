"""The procedures parts of the patient record (core/questionnaire/record_parts.py): the table and each
yes/no, read, replaced and dropped apart; how long each lasts."""

from __future__ import annotations

import copy
from datetime import date

from core.questionnaire import record_parts as parts

DATA = {"format_version": 2,
        "procedures": [{"procedure": "hip_replacement", "date": "2019"},
                       {"procedure": "solid_organ_transplant", "source": "question"}],
        "procedures_complete": True, "procedures_never_had": ["splenectomy"]}


def test_parts_are_the_table_and_each_yes_no():
    assert {"procedures", "procedure:solid_organ_transplant", "procedure:splenectomy"} <= set(parts.parts_of(DATA))
    assert parts.get_part(DATA, "procedures") == {"rows": [{"procedure": "hip_replacement", "date": "2019"}],
                                                  "complete": True}
    assert parts.get_part(DATA, "procedure:splenectomy") == {"rows": [], "never": True}
    assert parts.get_part(DATA, "procedure:kidney_transplant") is None


def test_a_part_moves_to_another_record_whole_and_alone():
    target = {"format_version": 2, "procedures": [{"procedure": "appendectomy", "source": "question"}]}
    for part in ("procedures", "procedure:solid_organ_transplant", "procedure:splenectomy"):
        parts.put_part(target, part, parts.get_part(DATA, part))
    assert {(r["procedure"], r.get("source")) for r in target["procedures"]} == {
        ("appendectomy", "question"), ("hip_replacement", None), ("solid_organ_transplant", "question")}
    assert target["procedures_complete"] and target["procedures_never_had"] == ["splenectomy"]
    dropped = copy.deepcopy(target)
    parts.drop_part(dropped, "procedures")  # the yes/no rows stay
    assert {r["procedure"] for r in dropped["procedures"]} == {"appendectomy", "solid_organ_transplant"}


def test_how_long_each_lasts():
    assert parts.max_age_days("procedure:solid_organ_transplant",
                              parts.get_part(DATA, "procedure:solid_organ_transplant"), 90) is parts.NEVER
    assert parts.max_age_days("procedure:splenectomy", parts.get_part(DATA, "procedure:splenectomy"), 90) == 90
    assert parts.max_age_days("procedures", parts.get_part(DATA, "procedures"), 90) == 182  # plans change


def test_stamping_dates_the_rows_it_owns():
    data = copy.deepcopy(DATA)
    parts.stamp(data, "procedure:solid_organ_transplant", date(2026, 11, 1))
    rows = {r["procedure"]: r.get("recorded") for r in data["procedures"]}
    assert rows == {"hip_replacement": None, "solid_organ_transplant": "2026-11-01"}
