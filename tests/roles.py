"""The roles every permission test walks through, in one place."""

ROLES = (
    "anonymous",
    "resident",
    "member",
    "board",
    "leader",
    "staff",
    "evaluator",
    "council",
    "admin",
)
