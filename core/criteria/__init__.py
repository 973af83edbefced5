"""Eligibility criteria text: splitting into numbered items."""
