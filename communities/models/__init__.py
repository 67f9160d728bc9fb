"""Every model of the communities app (good practice's too), one module per concept."""

from .activity import ActivityEntry, ActivityYearReopening, Event, JointOpinion
from .agreements import Agreement, AgreementStatusChange
from .community import Community, CommunityStatusChange
from .key_changes import ChangeRequestStatusChange, CommunityChangeRequest
from .membership import Membership, MembershipChange
from .stories import ExperienceOffer, Story, StoryPhoto, StoryQuestion, StoryStatusChange

__all__ = [
    "ActivityEntry",
    "ActivityYearReopening",
    "Agreement",
    "AgreementStatusChange",
    "ChangeRequestStatusChange",
    "Community",
    "CommunityChangeRequest",
    "CommunityStatusChange",
    "Event",
    "ExperienceOffer",
    "JointOpinion",
    "Membership",
    "MembershipChange",
    "Story",
    "StoryPhoto",
    "StoryQuestion",
    "StoryStatusChange",
]
