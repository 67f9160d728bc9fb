from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.CommunityListView.as_view(), name="community-list"),
    path("register/", views.CommunityRegisterView.as_view(), name="community-register"),
    path("mine/", views.MyCommunitiesView.as_view(), name="community-mine"),
    path("verification/", views.VerificationQueueView.as_view(), name="community-queue"),
    path("<slug:slug>/", views.CommunityDetailView.as_view(), name="community-detail"),
    path("<slug:slug>/edit/", views.CommunityEditView.as_view(), name="community-edit"),
    path("<slug:slug>/submit/", views.CommunitySubmitView.as_view(), name="community-submit"),
    path("<slug:slug>/withdraw/", views.CommunityWithdrawView.as_view(), name="community-withdraw"),
    path("<slug:slug>/delete/", views.CommunityDeleteView.as_view(), name="community-delete"),
    path(
        "<slug:slug>/record/reopen/",
        views.ActivityYearReopenView.as_view(),
        name="record-year-reopen",
    ),
    path("<slug:slug>/document/", views.CommunityDocumentView.as_view(), name="community-document"),
    path(
        "<slug:slug>/document/remove/",
        views.CommunityDocumentRemoveView.as_view(),
        name="community-document-remove",
    ),
    path("<slug:slug>/changes/", views.KeyChangeReviewView.as_view(), name="key-change-review"),
    path(
        "<slug:slug>/changes/withdraw/",
        views.KeyChangeWithdrawView.as_view(),
        name="key-change-withdraw",
    ),
    path(
        "<slug:slug>/changes/document/",
        views.KeyChangeDocumentView.as_view(),
        name="key-change-document",
    ),
    path("<slug:slug>/report/", views.AnnualReportRequestView.as_view(), name="annual-report"),
    path("<slug:slug>/review/", views.CommunityReviewView.as_view(), name="community-review"),
    path(
        "<slug:slug>/status/<str:action>/",
        views.CommunityStatusView.as_view(),
        name="community-status",
    ),
    path("<slug:slug>/join/", views.MembershipRequestView.as_view(), name="membership-request"),
    path(
        "<slug:slug>/join/withdraw/",
        views.MembershipWithdrawView.as_view(),
        name="membership-withdraw",
    ),
    path("<slug:slug>/leave/", views.MembershipLeaveView.as_view(), name="membership-leave"),
    path("<slug:slug>/members/", views.MemberListView.as_view(), name="member-list"),
    path(
        "<slug:slug>/members/<int:pk>/remove/",
        views.MemberRemoveView.as_view(),
        name="member-remove",
    ),
    path(
        "<slug:slug>/members/<int:pk>/<str:action>/",
        views.MemberUpdateView.as_view(),
        name="member-update",
    ),
    path("<slug:slug>/events/add/", views.EventCreateView.as_view(), name="event-create"),
    path("<slug:slug>/events/<int:pk>/edit/", views.EventUpdateView.as_view(), name="event-update"),
    path(
        "<slug:slug>/events/<int:pk>/delete/", views.EventDeleteView.as_view(), name="event-delete"
    ),
    path(
        "<slug:slug>/opinions/add/",
        views.JointOpinionCreateView.as_view(),
        name="opinion-create",
    ),
    path(
        "<slug:slug>/opinions/<int:pk>/edit/",
        views.JointOpinionUpdateView.as_view(),
        name="opinion-update",
    ),
    path(
        "<slug:slug>/opinions/<int:pk>/delete/",
        views.JointOpinionDeleteView.as_view(),
        name="opinion-delete",
    ),
]
