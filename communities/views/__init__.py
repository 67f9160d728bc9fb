from .activity import (
    EventCreateView,
    EventDeleteView,
    EventUpdateView,
    JointOpinionCreateView,
    JointOpinionDeleteView,
    JointOpinionUpdateView,
)
from .members import (
    MemberListView,
    MemberRemoveView,
    MembershipLeaveView,
    MembershipRequestView,
    MemberUpdateView,
)
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
    "EventDeleteView",
    "EventUpdateView",
    "JointOpinionCreateView",
    "JointOpinionDeleteView",
    "JointOpinionUpdateView",
    "MemberListView",
    "MemberRemoveView",
    "MembershipLeaveView",
    "MemberUpdateView",
    "MembershipRequestView",
    "MyCommunitiesView",
    "VerificationQueueView",
]
