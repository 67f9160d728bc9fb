"""The portal's core: people, municipalities, their territory trees and the history base."""

from .base import StatusChange
from .municipalities import Municipality, MunicipalityHost, MunicipalStaff, municipality_key
from .outbox import Notification, NotificationOptOut
from .people import User, UserManager
from .reports import Report
from .security import SecurityEvent
from .territories import RESERVED_TERRITORY_SLUGS, ContactPerson, Territory, validate_territory_slug

__all__ = [
    "RESERVED_TERRITORY_SLUGS",
    "ContactPerson",
    "Municipality",
    "MunicipalityHost",
    "MunicipalStaff",
    "Notification",
    "NotificationOptOut",
    "Report",
    "SecurityEvent",
    "StatusChange",
    "Territory",
    "User",
    "UserManager",
    "municipality_key",
    "validate_territory_slug",
]
