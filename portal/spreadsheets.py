"""CSV the portal writes: no cell a spreadsheet program would run as a formula.

Spreadsheet programs treat a text cell beginning with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK(...)`` in a story's title would become a link, ``=cmd|...`` worse), and
some strip a leading tab or carriage return first. Following OWASP's advice on CSV
injection, such a text cell is written with a single quote before it, which the program
shows as text. Numbers, dates and empty cells go out as they are. Every CSV goes through
``csv_writer``; JSON keeps the values as they are.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell as written: a text beginning like a formula gets a ``'`` before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options):
    """``csv.writer(file, **options)`` whose rows are neutralised cell by cell."""
    return _SafeWriter(csv.writer(file, **options))
