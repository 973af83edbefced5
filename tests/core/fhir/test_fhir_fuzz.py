"""Any damage to a bundle ends as a FhirError or an import, never another exception."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.fhir.map_patient import map_bundle
from core.fhir.model import FhirError
from core.fhir.read_bundle import parse_bundle
from tests.core.fhir.helpers import load

BASE = load("ra_mtx_adalimumab")
JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
                    | st.text(max_size=20), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), JSON), min_size=1, max_size=3))
def test_damaged_bundles_are_refused_plainly_or_imported(changes):
    data = copy.deepcopy(BASE)
    for path, value in changes:
        node = data
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the path
    try:
        result = map_bundle(parse_bundle(data))
    except FhirError as exc:
        assert str(exc)
        return
    for fact in result.facts:
        assert fact.source and fact.kind


def _leaf_value(path):
    node = BASE
    for step in path:
        node = node[step]
    return node


LEAF_PATHS = [p for p in PATHS if not isinstance(_leaf_value(p), dict | list) and p[-1] != "resourceType"]
SAME_KIND = {
    str: st.sampled_from(["", "0", "2019", "2019-13", "9999-12-31", "active", "stopped", "mg", "kg", "%", "1:320",
                          "positive", "Patient/pat-ra", "urn:uuid:x", "M06.9", "\u202e", "<b>x</b>"])
    | st.text(max_size=12),
    bool: st.booleans(),
    int: st.integers(-5, 10**7),
    float: st.floats(-1e6, 1e9, allow_nan=False),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_odd_but_well_typed_values_never_break_the_mapping(data):
    """Values of the right JSON type (so validation passes more often) reach the mappers."""
    bundle = copy.deepcopy(BASE)
    for path in data.draw(st.lists(st.sampled_from(LEAF_PATHS), min_size=1, max_size=4)):
        kind = type(_leaf_value(path))
        node = bundle
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = data.draw(SAME_KIND.get(kind, SAME_KIND[str]))
    try:
        result = map_bundle(parse_bundle(bundle))
    except FhirError:
        return
    from core.fhir.apply import apply_facts

    apply_facts(result.facts)  # a profile (with its problems listed), never an exception
