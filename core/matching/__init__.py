"""Matching a patient against trial criteria: the rule language and three-valued verdicts.

Main entry points: ``rules.validate_rule`` / ``rule_problems``, ``evaluate.evaluate`` and
``verdict.evaluate_trial``.
"""
