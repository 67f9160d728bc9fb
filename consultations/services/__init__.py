"""Every write of the consultations app, one module per concept: ``consultations`` (open,
edit, publish, complete), ``submissions``, ``answers``, ``following``, ``calendar`` (the
municipal events calendar) and ``problems`` (problem reports). Callers import the concept."""
