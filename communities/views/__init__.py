from .activity import (
    ActivityYearReopenView,
    EventCreateView,
    EventDeleteView,
    EventUpdateView,
    JointOpinionCreateView,
    JointOpinionDeleteView,
    JointOpinionUpdateView,
)
from .key_changes import KeyChangeDocumentView, KeyChangeReviewView, KeyChangeWithdrawView
from .members import (
    MemberListView,
    MemberRemoveView,
    MembershipLeaveView,
    MembershipRequestView,
    MembershipWithdrawView,
    MemberUpdateView,
)
from .registration import (
    CommunityDeleteView,
    CommunityDocumentRemoveView,
    CommunityEditView,
    CommunityRegisterView,
    CommunitySubmitView,
    CommunityWithdrawView,
)
from .registry import (
    CommunityDetailView,
    CommunityDocumentView,
    CommunityListView,
    MyCommunitiesView,
)
from .reports import AnnualReportForm, AnnualReportRequestView
from .verification import CommunityReviewView, CommunityStatusView, VerificationQueueView

__all__ = [
    "ActivityYearReopenView",
    "AnnualReportForm",
    "AnnualReportRequestView",
    "CommunityDeleteView",
    "CommunityDocumentRemoveView",
    "CommunityWithdrawView",
    "MembershipWithdrawView",
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
    "KeyChangeDocumentView",
    "KeyChangeReviewView",
    "KeyChangeWithdrawView",
    "MemberListView",
    "MemberRemoveView",
    "MembershipLeaveView",
    "MemberUpdateView",
    "MembershipRequestView",
    "MyCommunitiesView",
    "VerificationQueueView",
]
