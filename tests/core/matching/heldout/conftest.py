"""Loader for the held-out patient cases (``cases/NN_<slug>.json``) and the fixtures that hand
them to tests.

The cases were written blind, from the seed trial texts only (see README.md here): they are
the clinician's expected verdicts, never the app's. Any test in this folder can ask for

* ``heldout_cases``: every case, in file order (a list of ``HeldOutCase``);
* ``heldout_case``: one case; a test taking it runs once per case file, named by case id;
* ``heldout_trial_ids``: the ids of the five seed trials, as the catalog gives them.

Fixture names carry the ``heldout_`` prefix so they never shadow fixtures of the parent folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CASES_DIR = Path(__file__).resolve().with_name("cases")
VERDICTS = ("eligible", "possibly_eligible", "not_eligible")


@dataclass(frozen=True)
class Expectation:
    """What one trial must say about one case, by a clinician's reading of the trial text."""

    verdict: str
    deciding: tuple[str, ...]  # criteria that rule the patient out (not_eligible)
    to_confirm: tuple[str, ...]  # criteria left open (possibly_eligible)
    steps: tuple[str, ...]  # steps before enrolment (washout, consent...), never reasons to exclude
    eligible_from: str | None  # first day a criterion failed only on elapsed time is met
    why: str


@dataclass(frozen=True)
class HeldOutCase:
    """One patient: the story, the v1 profile (as a dict), what v1 cannot say, the verdicts."""

    case_id: str
    path: Path
    narrative: str
    profile: dict[str, Any]
    v1_gaps: tuple[str, ...]
    expected: dict[str, Expectation]


def load_case(path: Path) -> HeldOutCase:
    """Read one case file; a missing key raises KeyError naming it (the schema test checks shapes)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    expected = {
        trial_id: Expectation(
            verdict=e["verdict"], deciding=tuple(e["deciding"]), to_confirm=tuple(e["to_confirm"]),
            steps=tuple(e["steps"]), eligible_from=e["eligible_from"], why=e["why"])
        for trial_id, e in data["expected"].items()
    }
    return HeldOutCase(case_id=data["case_id"], path=path, narrative=data["narrative"], profile=data["profile"],
                       v1_gaps=tuple(data["v1_gaps"]), expected=expected)


def case_files() -> list[Path]:
    """Every case file, sorted by name (so by case number)."""
    return sorted(CASES_DIR.glob("*.json"))


def load_cases() -> list[HeldOutCase]:
    return [load_case(p) for p in case_files()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # One test per case file, named by its file stem, for any test that takes ``heldout_case``.
    if "heldout_case" in metafunc.fixturenames:
        files = case_files()
        metafunc.parametrize("heldout_case_path", files, ids=[p.stem for p in files])


@pytest.fixture
def heldout_case(heldout_case_path: Path) -> HeldOutCase:
    return load_case(heldout_case_path)


@pytest.fixture(scope="session")
def heldout_cases() -> list[HeldOutCase]:
    return load_cases()


@pytest.fixture(scope="session")
def heldout_trial_ids() -> set[str]:
    """Ids of the seed trials, parsed from the seed records the catalog is built from."""
    from core.catalog.bundle import seed_records

    return {record.trial_id for record in seed_records()}
