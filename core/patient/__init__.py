"""The patient: a versioned profile of raw facts, the fact registry, and derived facts.

Main entry points: ``profile.load_profile`` / ``save_profile``, ``validation.profile_problems``,
``derived.compute_facts``, ``facts.REGISTRY`` and ``drugs.lookup_drug`` / ``suggest_drugs``.
"""
