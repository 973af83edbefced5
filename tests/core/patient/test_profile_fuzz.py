"""Fuzzed profile loading: malformed data gives a ProfileError and nothing else."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from core.patient.profile import ProfileError, load_profile, profile_from_dict

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
FIELDS = ["format_version", "assessment_date", "date_of_birth", "sex", "weight_kg", "diagnoses", "treatments",
          "labs", "findings", "history", "consent", "confirmations", "joint_assessment", "diagnoses_complete"]


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6))
def test_random_profiles_load_or_raise_profile_error(data):
    data = {"format_version": 1, **data}
    try:
        profile_from_dict(data)
    except ProfileError as exc:
        assert str(exc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_file(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("p") / "p.json"
    path.write_bytes(blob)
    try:
        load_profile(path)
    except ProfileError:
        pass


def test_truncated_json(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format_version": 1, "sex": "female"})[:-5])
    try:
        load_profile(path)
    except ProfileError as exc:
        assert "JSON" in str(exc) or "json" in str(exc)
    else:
        raise AssertionError("a truncated file was accepted")
