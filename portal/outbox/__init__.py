"""The outbox every app sends through: kinds of message, rows keyed (recipient, occasion),
one delivery task, reminders computed from deadlines. See docs/notifications.md."""

# The portal's own kinds (account emails) are registered with the package: the kit's
# start-up imports each app's ``outbox`` module, and this package is the kit's.
from . import accounts  # noqa: E402, F401
from .kinds import Kind, all_kinds, get_kind, optional_kinds, register
from .reminders import Deadline, Occasion, register_deadline
from .services import notify, notify_address, notify_many

__all__ = [
    "Deadline",
    "Kind",
    "Occasion",
    "all_kinds",
    "get_kind",
    "notify",
    "notify_address",
    "notify_many",
    "optional_kinds",
    "register",
    "register_deadline",
]
