"""The communities' kinds of message and deadlines (good practice and agreements too), one module
per concept; importing them registers them (the kit imports every app's ``outbox`` at start-up).

Each kind: its code, its label on the preferences page, its template, who gets it (called
in the transaction of the change) and the context builder (called at delivery, inside the
recipient's language). Services write them with ``portal.outbox.notify``, naming the kind from
its concept module: ``from ..outbox.membership import MEMBERSHIP_REQUESTED``.
"""

# In this order: the kinds are listed on the notification page as they are registered.
from . import registration, key_changes, membership, activity, stories, agreements  # noqa: F401, I001
