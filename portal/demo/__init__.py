"""Demo data for local use: a sample municipality built by ``python manage.py seed_demo``.

This package and the command are the only places that name the sample municipality.
"""
