"""Every write about councils, one module per concept: ``councils`` (setting one up), ``terms``
(seats and terms), ``nominations``, ``meetings`` (agenda, presence, comments, minutes),
``recommendations`` (and the municipality's answers), ``elections`` (residents' councils) and
``papers`` (a meeting's files).

Services take keyword data and the acting person first; views, the demo and tests call them.
Permission checks stay in the views (``councils.rules``).
"""
