"""Makes ``userdata_23534d8.sqlite``: a user database as the release at commit 23534d8 stored it
(schema 1, no application id, format-1 profiles inside the questionnaire state): one patient,
a finished screening (with a clinician confirmation) and an unfinished one.

Run it with that commit's code, never today's:
    mkdir /tmp/old && git archive 23534d8 | tar -x -C /tmp/old
    cd /tmp/old && QT_QPA_PLATFORM=offscreen PYTHONPATH=/tmp/old TRIALS_DATA_DIR=/tmp/old-data \
        python tests/../make_userdata_23534d8.py OUT.sqlite /tmp/old-catalog.sqlite
(the path of this script; OUT.sqlite must not exist). Made on 2026-11-30.
"""
import sys
from datetime import date
from pathlib import Path

from core.catalog import database
from core.catalog.bundle import build_bundled
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db
from ui.screening.session import CandidateFilter, ScreeningSession

out = Path(sys.argv[1])
cat = build_bundled(Path(sys.argv[2]))
database.connect(cat)
open_user_db(out)
patient = records.create_patient("OLD-RA-1", date_of_birth=date(1970, 3, 14))
ids = CandidateFilter(open_only=False).candidate_ids()
print("trials", ids)
s1 = ScreeningSession.start(patient, CandidateFilter(open_only=False), ids)
answers = 0
while (q := s1.q.next_question()) is not None and answers < 40:
    qid = q.id
    if qid == "sex":
        s1.answer(qid, "female")
    elif qid == "diagnoses":
        s1.answer(qid, {"diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2012-05-01",
                                         "classification": ["acr_eular_2010"], "activity": "high"}],
                        "complete": False})
    elif qid == "treatments":
        s1.answer(qid, {"treatments": [
            {"drug": "methotrexate", "start": "2012-06-01", "dose": 20, "dose_unit": "mg/week", "outcome": "ongoing"},
            {"drug": "adalimumab", "start": "2018-01-01", "stop": "2019-02-01", "outcome": "loss_of_response"},
            {"drug": "tocilizumab", "start": "2019-04-01", "outcome": "intolerance"}], "complete": False})
    elif qid == "weight_kg":
        s1.answer(qid, 64)
    elif qid.startswith("lab."):
        s1.answer(qid, {"value": 12, "date": "2026-09-01"})
    elif q.kind == "bool":
        s1.answer(qid, False)
    else:
        s1.answer_unknown(qid)
    answers += 1
for qid, value in (("sex", "female"), ("weight_kg", 64), ("pregnant", False), ("hbsag_positive", False),
                   ("ecog", 1), ("lab.crp", {"value": 12, "date": "2026-06-01"})):
    s1.answer(qid, value)
confirms = [qid for qid in s1.q._questions if qid.startswith("confirm")]
print("confirm questions", confirms[:3])
if confirms:
    s1.answer(confirms[0], "yes")
s1.finish()
print("s1", s1.screening_id, s1.q.history)
s2 = ScreeningSession.start(patient, CandidateFilter(open_only=False), ids)
s2.answer("sex", "female")
nq = s2.q.next_question()
s2.answer_unknown(nq.id)
print("s2", s2.screening_id, s2.q.history)
close_user_db()
database.close()
