"""The communities app's forms, one module per concept: ``community`` (registration, decisions,
members), ``activity``, ``stories``, ``agreements``."""
