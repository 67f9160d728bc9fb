"""The writes of the grants app, one module per concept: rounds (programmes, rounds, questions),
applications, evaluation, grant_reports (post-award reports), spending (annual subsidies' spending
reports) and subsidies (tiers and awards). Callers import the concept."""
