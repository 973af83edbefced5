"""Referral letter: the letter as data (model), its wording (build) and the PDF (render)."""
