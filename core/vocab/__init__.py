"""Clinical vocabularies: conditions, drugs, laboratory analytes and scores.

Each vocabulary is data in ``resources/vocab/<name>.json`` (built by
``scripts/vocab/build_<name>.py`` from curated sources in ``scripts/vocab/sources/``) and is
read by one module here (``conditions.py``, ``drugs.py``, ``labs.py``, ``scores.py``). Patient
facts, the rule language, the extractor and data entry all speak these concept ids, so a fact
answered once serves every trial that reads it.
"""
