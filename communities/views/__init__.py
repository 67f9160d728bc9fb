"""The communities app's pages, one module per concept; mixins in ``base``."""
