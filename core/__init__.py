"""Plain-Python core of the trial eligibility assistant (never imports Qt)."""

__version__ = "0.1.0"
