"""Patients and screenings: the patient list, a new screening, the guided questionnaire
with live per-trial results, and the referral letter from those results."""
