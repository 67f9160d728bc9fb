"""The consultations pages, a module per concept (``urls.py`` imports them);
mixins in ``base.py``."""
