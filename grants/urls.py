from django.urls import path

from . import views

app_name = "grants"

A = "<slug:slug>/applications/<int:pk>/"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("new/", views.RoundCreateView.as_view(), name="round-create"),
    path("programmes/new/", views.ProgrammeCreateView.as_view(), name="programme-create"),
    path(
        "subsidies/<slug:programme>/", views.SubsidyOverviewView.as_view(), name="subsidy-overview"
    ),
    path("standing/<slug:slug>/", views.SubsidyStandingView.as_view(), name="subsidy-standing"),
    path(
        "subsidies/<slug:programme>/<slug:community>/",
        views.CommunitySubsidyView.as_view(),
        name="subsidy-community",
    ),
    path("subsidy-tiers/<slug:programme>/", views.TierListView.as_view(), name="subsidy-tier-list"),
    path(
        "subsidy-tiers/<slug:programme>/new/",
        views.TierCreateView.as_view(),
        name="subsidy-tier-create",
    ),
    path(
        "subsidy-tiers/<slug:programme>/<int:pk>/",
        views.TierEditView.as_view(),
        name="subsidy-tier-edit",
    ),
    path(
        "subsidy-tiers/<slug:programme>/<int:pk>/retire/",
        views.TierRetireView.as_view(),
        name="subsidy-tier-retire",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/",
        views.SpendingReportView.as_view(),
        name="spending-report",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/documents/",
        views.SpendingDocumentAddView.as_view(),
        name="spending-document-add",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/documents/<int:document>/remove/",
        views.SpendingDocumentRemoveView.as_view(),
        name="spending-document-remove",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/decision/",
        views.SpendingDecisionView.as_view(),
        name="spending-decision",
    ),
    path(
        "subsidy-spending-documents/<int:pk>/",
        views.SpendingDocumentDownloadView.as_view(),
        name="spending-document",
    ),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("report-files/<int:pk>/", views.ReportFileDownloadView.as_view(), name="report-file"),
    path("<slug:slug>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("<slug:slug>/edit/", views.RoundEditView.as_view(), name="round-edit"),
    path(
        "<slug:slug>/documents/add/",
        views.RoundDocumentAddView.as_view(),
        name="round-document-add",
    ),
    path(
        "<slug:slug>/documents/<int:pk>/", views.RoundDocumentView.as_view(), name="round-document"
    ),
    path("<slug:slug>/remind/", views.RoundReminderView.as_view(), name="round-reminder"),
    path("<slug:slug>/invite/", views.RoundInviteView.as_view(), name="round-invite"),
    path("<slug:slug>/protocol/", views.ProtocolRequestView.as_view(), name="protocol-request"),
    path("<slug:slug>/questions/", views.QuestionListView.as_view(), name="question-list"),
    path("<slug:slug>/questions/ask/", views.QuestionAskView.as_view(), name="question-ask"),
    path("<slug:slug>/ranking/", views.RankingView.as_view(), name="round-ranking"),
    path("<slug:slug>/evaluators/", views.EvaluatorListView.as_view(), name="evaluator-list"),
    path("<slug:slug>/evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("<slug:slug>/apply/", views.ApplicationStartView.as_view(), name="application-start"),
    path("<slug:slug>/applications/", views.ApplicationListView.as_view(), name="application-list"),
    path(A, views.ApplicationDetailView.as_view(), name="application-detail"),
    path(A + "edit/", views.ApplicationEditView.as_view(), name="application-edit"),
    path(A + "submit/", views.ApplicationSubmitView.as_view(), name="application-submit"),
    path(A + "attachments/add/", views.AttachmentAddView.as_view(), name="attachment-add"),
    path(A + "review/", views.ApplicationReviewView.as_view(), name="application-review"),
    path(A + "conflict/", views.ConflictDeclareView.as_view(), name="application-conflict"),
    path(A + "score/", views.ScoreView.as_view(), name="application-score"),
    path(A + "reports/<int:report_pk>/", views.ReportView.as_view(), name="report"),
    path(
        A + "reports/<int:report_pk>/files/add/",
        views.ReportFileAddView.as_view(),
        name="report-file-add",
    ),
    path(
        A + "reports/<int:report_pk>/files/<int:file_pk>/remove/",
        views.ReportFileRemoveView.as_view(),
        name="report-file-remove",
    ),
    path("<slug:slug>/<str:action>/", views.RoundMoveView.as_view(), name="round-move"),
]
