"""FHIR R4 exchange: import one patient's Bundle as reviewable facts, export a screening.

Qt-free. ``read_bundle`` parses and validates (``fhir.resources``, R4B models, which accept R4
JSON for every resource used here); ``map_bundle`` turns resources into ``ProposedFact``s and
``Unmapped`` items; ``apply_facts`` writes the accepted facts into a format-2 profile;
``export`` builds the screening Bundle. See docs/fhir.md.
"""
