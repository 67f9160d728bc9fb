from .activity import EventCreateView, JointOpinionCreateView
from .members import MemberListView, MembershipRequestView, MemberUpdateView
from .registration import CommunityEditView, CommunityRegisterView, CommunitySubmitView
from .registry import (
    CommunityDetailView,
    CommunityDocumentView,
    CommunityListView,
    MyCommunitiesView,
)
from .verification import CommunityReviewView, CommunityStatusView, VerificationQueueView

__all__ = [
    "CommunityDetailView",
    "CommunityDocumentView",
    "CommunityEditView",
    "CommunityListView",
    "CommunityRegisterView",
    "CommunityReviewView",
    "CommunityStatusView",
    "CommunitySubmitView",
    "EventCreateView",
    "JointOpinionCreateView",
    "MemberListView",
    "MemberUpdateView",
    "MembershipRequestView",
    "MyCommunitiesView",
    "VerificationQueueView",
]
