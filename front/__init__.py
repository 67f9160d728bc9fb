"""The top floor: the pages that read several apps, the root URLconfs, seed_demo and seed_bench.

Home, territory pages, the national view, the staff dashboard, the participation index, the
privacy pages (``views/``); an account's deletion (``accounts.py``) and export
(``personal_data.py``) across every app; the demo's orchestration (``demo.py``). It may import
every app; no app and not the kit (``portal/``) imports it (import-linter, pyproject.toml).
"""
