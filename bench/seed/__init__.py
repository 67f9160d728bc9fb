"""The benchmark's scratch database (``python manage.py seed_bench``): ``scratch`` builds it,
with the rows of ``consultations`` and ``councils`` in the first municipality."""
