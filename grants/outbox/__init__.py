"""The grants' kinds of message and deadlines, one module per concept; importing them registers
them (the kit imports every app's ``outbox`` at start-up). Callers import the concept module:
``from ..outbox import decisions`` … ``decisions.tell_stopped(application)``."""

# In this order: the kinds are listed on the notification page as they are registered.
from . import applications, deadlines, decisions, spending, full_stage  # noqa: F401, I001 - registers the kinds
