"""Good practice, experience exchange and cooperation agreements (issue 19).

Good-practice stories and their questions (``stories``), cooperation memoranda and
delegation agreements (``agreements``), the open-data exports (``open_data``). The models
are imported from ``communities.models``; everything else stays in this package.
"""
