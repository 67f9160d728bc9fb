from django.urls import path

from . import views

app_name = "councils"

MEETING = "<slug:slug>/meetings/<int:pk>/"
ITEM = MEETING + "items/<int:item>/"
ELECTION = "<slug:slug>/elections/<int:pk>/"

urlpatterns = [
    path("", views.CouncilListView.as_view(), name="council-list"),
    path("new/", views.CouncilCreateView.as_view(), name="council-create"),
    path("<slug:slug>/", views.CouncilDetailView.as_view(), name="council-detail"),
    path("<slug:slug>/bylaws/", views.CouncilBylawsView.as_view(), name="council-bylaws"),
    path("<slug:slug>/edit/", views.CouncilEditView.as_view(), name="council-edit"),
    path(
        "<slug:slug>/nominations/open/",
        views.NominationPeriodCreateView.as_view(),
        name="nominations-open",
    ),
    path("<slug:slug>/terms/<int:pk>/end/", views.TermEndView.as_view(), name="term-end"),
    path("<slug:slug>/nominate/", views.NominateView.as_view(), name="nominate"),
    path(
        "<slug:slug>/nominations/<int:pk>/<str:action>/",
        views.NominationMoveView.as_view(),
        name="nomination-move",
    ),
    path("<slug:slug>/elections/new/", views.ElectionCreateView.as_view(), name="election-create"),
    path(ELECTION, views.ElectionDetailView.as_view(), name="election-detail"),
    path(ELECTION + "stand/", views.StandView.as_view(), name="stand"),
    path(ELECTION + "vote/", views.VoteView.as_view(), name="vote"),
    path(ELECTION + "lots/", views.DrawLotsView.as_view(), name="election-lots"),
    path(ELECTION + "publish/", views.ElectionStaffView.as_view(), name="election-publish"),
    path(
        ELECTION + "votes/<int:vote>/aside/",
        views.ElectionStaffView.as_view(),
        name="vote-aside",
    ),
    path("<slug:slug>/meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path(MEETING, views.MeetingDetailView.as_view(), name="meeting-detail"),
    path(MEETING + "publish/", views.MeetingPublishView.as_view(), name="meeting-publish"),
    path(MEETING + "items/add/", views.AgendaItemAddView.as_view(), name="item-add"),
    path(MEETING + "papers/add/", views.PapersAddView.as_view(), name="papers-add"),
    path(
        MEETING + "papers/<int:paper>/",
        views.PaperDownloadView.as_view(),
        name="paper-download",
    ),
    path(
        MEETING + "papers/<int:paper>/remove/",
        views.PaperRemoveView.as_view(),
        name="paper-remove",
    ),
    path(MEETING + "attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(MEETING + "presence/", views.PresenceView.as_view(), name="presence"),
    path(MEETING + "minutes/", views.MinutesView.as_view(), name="minutes"),
    path(MEETING + "minutes.pdf", views.MinutesPdfView.as_view(), name="minutes-pdf"),
    path(ITEM + "edit/", views.AgendaItemEditView.as_view(), name="item-edit"),
    path(ITEM + "review/", views.ReviewView.as_view(), name="review"),
    path(ITEM + "recommendation/", views.RecommendationView.as_view(), name="recommendation"),
    path(ITEM + "answer/", views.RecommendationAnswerView.as_view(), name="answer"),
    path(
        ITEM + "answer/correct/",
        views.RecommendationCorrectView.as_view(),
        name="answer-correct",
    ),
]
