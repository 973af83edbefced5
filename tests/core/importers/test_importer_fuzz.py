"""Fuzzing: whatever bytes arrive, parse_source returns records or raises ImportFormatError."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from core.importers.batch import parse_source
from core.importers.text import ImportFormatError
from core.trial_record import TrialRecord

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="shared data folder absent")

SAMPLES = {
    "ctgov": DATA / "ctgov-api-v2" / "rheumatology-5.json",
    "euctr": DATA / "other-registries" / "2016-004489-24-DE.json",
    "ctis": DATA / "other-registries" / "2023-508143-51-01.json",
    "isrctn": DATA / "other-registries" / "76463425.json",
    "classic": DATA / "other-registries" / "NCT03325556.json",
}
XML_SAMPLE = DATA / "ctgov-classic-xml" / "rheumatology" / "NCT00000419.xml"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON_VALUES = hs.recursive(
    hs.none() | hs.booleans() | hs.integers() | hs.floats(allow_nan=False) | hs.text(max_size=30),
    lambda inner: hs.lists(inner, max_size=4) | hs.dictionaries(hs.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)


def check(name: str, data: bytes) -> None:
    try:
        records = parse_source(name, data)
    except ImportFormatError as exc:
        assert str(exc)
        return
    assert records and all(isinstance(r, TrialRecord) and r.title for r in records)


@FUZZ
@given(hs.binary(max_size=2000))
def test_random_bytes(data):
    check("fuzz.bin", data)


@FUZZ
@given(hs.sampled_from([b"{", b"[", b"<", b"<?xml version='1.0'?>", b'{"protocolSection":', b"\xef\xbb\xbf"]),
       hs.binary(max_size=500))
def test_random_bytes_behind_a_plausible_start(prefix, data):
    check("fuzz.json", prefix + data)


@FUZZ
@given(JSON_VALUES)
def test_arbitrary_json_documents(value):
    check("fuzz.json", json.dumps(value).encode())


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _paths(v, (*prefix, i))


def _mutate(doc, path, value, delete):
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


@FUZZ
@given(hs.sampled_from(sorted(SAMPLES)), hs.lists(hs.tuples(hs.integers(0, 10**6), JSON_VALUES, hs.booleans()),
                                                  min_size=1, max_size=6))
def test_mutated_real_records(kind, mutations):
    doc = json.loads(SAMPLES[kind].read_text(encoding="utf-8"))
    if isinstance(doc, list):
        doc = doc[:2]
    for index, value, delete in mutations:
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        _mutate(doc, paths[index % len(paths)], value, delete)
    check(f"{kind}.json", json.dumps(doc).encode())


@FUZZ
@given(hs.integers(0, 10**6), hs.integers(0, 255), hs.integers(0, 10**6))
def test_damaged_real_bytes(seed, byte, cut):
    kind = random.Random(seed).choice([*SAMPLES.values(), XML_SAMPLE])
    data = bytearray(kind.read_bytes())
    pos = seed % len(data)
    data[pos] = byte
    check(kind.name, bytes(data[: max(1, cut % (len(data) + 1))]))
