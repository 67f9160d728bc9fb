"""The pages that read every domain app: home, territory pages and the national view.

The one package of ``portal`` that imports domain apps (DESIGN.md); the rest of ``portal``
imports none of them.
"""
