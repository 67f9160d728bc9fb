"""The top floor's pages, one module per concept: ``pages`` (home and territory pages),
``national``, ``dashboard``, ``participation``, ``privacy``."""
