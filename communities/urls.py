from django.urls import path

from .views import activity, key_changes, members, registration, registry, reports, verification

app_name = "communities"

urlpatterns = [
    path("", registry.CommunityListView.as_view(), name="community-list"),
    path("register/", registration.CommunityRegisterView.as_view(), name="community-register"),
    path("mine/", registry.MyCommunitiesView.as_view(), name="community-mine"),
    path("verification/", verification.VerificationQueueView.as_view(), name="community-queue"),
    path("<slug:slug>/", registry.CommunityDetailView.as_view(), name="community-detail"),
    path("<slug:slug>/edit/", registration.CommunityEditView.as_view(), name="community-edit"),
    path(
        "<slug:slug>/submit/", registration.CommunitySubmitView.as_view(), name="community-submit"
    ),
    path(
        "<slug:slug>/withdraw/",
        registration.CommunityWithdrawView.as_view(),
        name="community-withdraw",
    ),
    path(
        "<slug:slug>/delete/", registration.CommunityDeleteView.as_view(), name="community-delete"
    ),
    path(
        "<slug:slug>/record/reopen/",
        activity.ActivityYearReopenView.as_view(),
        name="record-year-reopen",
    ),
    path(
        "<slug:slug>/document/", registry.CommunityDocumentView.as_view(), name="community-document"
    ),
    path(
        "<slug:slug>/document/remove/",
        registration.CommunityDocumentRemoveView.as_view(),
        name="community-document-remove",
    ),
    path(
        "<slug:slug>/changes/", key_changes.KeyChangeReviewView.as_view(), name="key-change-review"
    ),
    path(
        "<slug:slug>/changes/withdraw/",
        key_changes.KeyChangeWithdrawView.as_view(),
        name="key-change-withdraw",
    ),
    path(
        "<slug:slug>/changes/document/",
        key_changes.KeyChangeDocumentView.as_view(),
        name="key-change-document",
    ),
    path("<slug:slug>/report/", reports.AnnualReportRequestView.as_view(), name="annual-report"),
    path(
        "<slug:slug>/review/", verification.CommunityReviewView.as_view(), name="community-review"
    ),
    path(
        "<slug:slug>/status/<str:action>/",
        verification.CommunityStatusView.as_view(),
        name="community-status",
    ),
    path("<slug:slug>/join/", members.MembershipRequestView.as_view(), name="membership-request"),
    path(
        "<slug:slug>/join/withdraw/",
        members.MembershipWithdrawView.as_view(),
        name="membership-withdraw",
    ),
    path("<slug:slug>/leave/", members.MembershipLeaveView.as_view(), name="membership-leave"),
    path("<slug:slug>/members/", members.MemberListView.as_view(), name="member-list"),
    path(
        "<slug:slug>/members/<int:pk>/remove/",
        members.MemberRemoveView.as_view(),
        name="member-remove",
    ),
    path(
        "<slug:slug>/members/<int:pk>/<str:action>/",
        members.MemberUpdateView.as_view(),
        name="member-update",
    ),
    path("<slug:slug>/events/add/", activity.EventCreateView.as_view(), name="event-create"),
    path(
        "<slug:slug>/events/<int:pk>/edit/", activity.EventUpdateView.as_view(), name="event-update"
    ),
    path(
        "<slug:slug>/events/<int:pk>/delete/",
        activity.EventDeleteView.as_view(),
        name="event-delete",
    ),
    path(
        "<slug:slug>/opinions/add/",
        activity.JointOpinionCreateView.as_view(),
        name="opinion-create",
    ),
    path(
        "<slug:slug>/opinions/<int:pk>/edit/",
        activity.JointOpinionUpdateView.as_view(),
        name="opinion-update",
    ),
    path(
        "<slug:slug>/opinions/<int:pk>/delete/",
        activity.JointOpinionDeleteView.as_view(),
        name="opinion-delete",
    ),
]
