"""The benchmarks (``make bench``): scripts run from here, and the rows they measure (``seed``).

Not part of the production image: nothing under ``portal/`` or an app imports it; only the top
floor's ``seed_bench`` command (``front/management/commands/seed_bench.py``) does.
"""
