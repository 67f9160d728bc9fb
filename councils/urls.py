from django.urls import path

from .views import councils, elections, meetings, papers

app_name = "councils"

MEETING = "<slug:slug>/meetings/<int:pk>/"
ITEM = MEETING + "items/<int:item>/"
ELECTION = "<slug:slug>/elections/<int:pk>/"

urlpatterns = [
    path("", councils.CouncilListView.as_view(), name="council-list"),
    path("new/", councils.CouncilCreateView.as_view(), name="council-create"),
    path("<slug:slug>/", councils.CouncilDetailView.as_view(), name="council-detail"),
    path("<slug:slug>/bylaws/", councils.CouncilBylawsView.as_view(), name="council-bylaws"),
    path("<slug:slug>/edit/", councils.CouncilEditView.as_view(), name="council-edit"),
    path(
        "<slug:slug>/nominations/open/",
        councils.NominationPeriodCreateView.as_view(),
        name="nominations-open",
    ),
    path("<slug:slug>/terms/<int:pk>/end/", councils.TermEndView.as_view(), name="term-end"),
    path("<slug:slug>/nominate/", councils.NominateView.as_view(), name="nominate"),
    path(
        "<slug:slug>/nominations/<int:pk>/<str:action>/",
        councils.NominationMoveView.as_view(),
        name="nomination-move",
    ),
    path(
        "<slug:slug>/elections/new/", elections.ElectionCreateView.as_view(), name="election-create"
    ),
    path(ELECTION, elections.ElectionDetailView.as_view(), name="election-detail"),
    path(ELECTION + "stand/", elections.StandView.as_view(), name="stand"),
    path(ELECTION + "vote/", elections.VoteView.as_view(), name="vote"),
    path(ELECTION + "lots/", elections.DrawLotsView.as_view(), name="election-lots"),
    path(ELECTION + "publish/", elections.ElectionStaffView.as_view(), name="election-publish"),
    path(
        ELECTION + "votes/<int:vote>/aside/",
        elections.ElectionStaffView.as_view(),
        name="vote-aside",
    ),
    path("<slug:slug>/meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting-create"),
    path(MEETING, meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path(MEETING + "publish/", meetings.MeetingPublishView.as_view(), name="meeting-publish"),
    path(MEETING + "items/add/", meetings.AgendaItemAddView.as_view(), name="item-add"),
    path(MEETING + "papers/add/", papers.PapersAddView.as_view(), name="papers-add"),
    path(
        MEETING + "papers/<int:paper>/",
        papers.PaperDownloadView.as_view(),
        name="paper-download",
    ),
    path(
        MEETING + "papers/<int:paper>/remove/",
        papers.PaperRemoveView.as_view(),
        name="paper-remove",
    ),
    path(MEETING + "attendance/", meetings.AttendanceView.as_view(), name="attendance"),
    path(MEETING + "presence/", meetings.PresenceView.as_view(), name="presence"),
    path(MEETING + "minutes/", meetings.MinutesView.as_view(), name="minutes"),
    path(MEETING + "minutes.pdf", meetings.MinutesPdfView.as_view(), name="minutes-pdf"),
    path(ITEM + "edit/", meetings.AgendaItemEditView.as_view(), name="item-edit"),
    path(ITEM + "review/", meetings.ReviewView.as_view(), name="review"),
    path(ITEM + "recommendation/", meetings.RecommendationView.as_view(), name="recommendation"),
    path(ITEM + "answer/", meetings.RecommendationAnswerView.as_view(), name="answer"),
    path(
        ITEM + "answer/correct/",
        meetings.RecommendationCorrectView.as_view(),
        name="answer-correct",
    ),
]
