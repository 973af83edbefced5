"""Importers: one module per source layout, each returning a TrialRecord."""
