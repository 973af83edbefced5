"""The line under a question: how many verdicts it can change, and when only trials for other
conditions are left, that the clinician may stop."""

from __future__ import annotations

from ui.screening.text import serves_line


def test_the_line_says_when_only_trials_of_other_conditions_are_left():
    assert serves_line(1, False) == "Can change the verdict of 1 trial."
    own = serves_line(3, False)
    other = serves_line(3, True)
    assert own == "Can change the verdict of 3 trials." and "may stop here" not in own
    assert other.startswith(own) and "may stop here" in other and "other conditions" in other


def test_a_long_list_of_open_trials_names_the_first_and_counts_the_rest():
    from ui.screening.text import short_list

    ids = [f"NCT0000{i:04d}" for i in range(30)]
    assert short_list(ids[:3]) == "NCT00000000, NCT00000001, NCT00000002"
    assert short_list(ids[:6]) == ", ".join(ids[:6])
    long = short_list(ids)
    assert long == ", ".join(ids[:6]) + " and 24 more"
    assert ids[6] not in long
