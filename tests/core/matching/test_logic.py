"""Kleene truth tables, checked against the ordering False < unknown < True."""

from __future__ import annotations

import itertools

import pytest

from core.patient.kleene import kleene_and, kleene_not, kleene_or

VALUES = [True, None, False]
_RANK = {False: 0, None: 1, True: 2}
_BY_RANK = {v: k for k, v in _RANK.items()}


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, repeat=2)))
def test_and_is_minimum_or_is_maximum(a, b):
    # Kleene's strong logic: AND is the minimum and OR the maximum in False < unknown < True.
    assert kleene_and([a, b]) is _BY_RANK[min(_RANK[a], _RANK[b])]
    assert kleene_or([a, b]) is _BY_RANK[max(_RANK[a], _RANK[b])]


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, repeat=2)))
def test_de_morgan(a, b):
    assert kleene_not(kleene_and([a, b])) is kleene_or([kleene_not(a), kleene_not(b)])


def test_not():
    assert [kleene_not(v) for v in VALUES] == [False, None, True]


def test_empty_and_and_or():
    assert kleene_and([]) is True
    assert kleene_or([]) is False


def test_false_dominates_and_even_after_unknowns():
    assert kleene_and([None, None, False]) is False
    assert kleene_or([None, True, None]) is True
