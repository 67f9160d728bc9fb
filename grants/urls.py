from django.urls import path

from .views import applications, evaluation, grant_reports, rounds, spending, subsidies, tiers

app_name = "grants"

A = "<slug:slug>/applications/<int:pk>/"

urlpatterns = [
    path("", rounds.RoundListView.as_view(), name="round-list"),
    path("new/", rounds.RoundCreateView.as_view(), name="round-create"),
    path("programmes/new/", rounds.ProgrammeCreateView.as_view(), name="programme-create"),
    path(
        "subsidies/<slug:programme>/",
        subsidies.SubsidyOverviewView.as_view(),
        name="subsidy-overview",
    ),
    path("standing/<slug:slug>/", subsidies.SubsidyStandingView.as_view(), name="subsidy-standing"),
    path(
        "subsidies/<slug:programme>/<slug:community>/",
        subsidies.CommunitySubsidyView.as_view(),
        name="subsidy-community",
    ),
    path("subsidy-tiers/<slug:programme>/", tiers.TierListView.as_view(), name="subsidy-tier-list"),
    path(
        "subsidy-tiers/<slug:programme>/new/",
        tiers.TierCreateView.as_view(),
        name="subsidy-tier-create",
    ),
    path(
        "subsidy-tiers/<slug:programme>/<int:pk>/",
        tiers.TierEditView.as_view(),
        name="subsidy-tier-edit",
    ),
    path(
        "subsidy-tiers/<slug:programme>/<int:pk>/retire/",
        tiers.TierRetireView.as_view(),
        name="subsidy-tier-retire",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/",
        spending.SpendingReportView.as_view(),
        name="spending-report",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/documents/",
        spending.SpendingDocumentAddView.as_view(),
        name="spending-document-add",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/documents/<int:document>/remove/",
        spending.SpendingDocumentRemoveView.as_view(),
        name="spending-document-remove",
    ),
    path(
        "subsidy-awards/<int:pk>/spending/decision/",
        spending.SpendingDecisionView.as_view(),
        name="spending-decision",
    ),
    path(
        "subsidy-spending-documents/<int:pk>/",
        spending.SpendingDocumentDownloadView.as_view(),
        name="spending-document",
    ),
    path("attachments/<int:pk>/", applications.AttachmentDownloadView.as_view(), name="attachment"),
    path(
        "report-files/<int:pk>/", grant_reports.ReportFileDownloadView.as_view(), name="report-file"
    ),
    path("<slug:slug>/", rounds.RoundDetailView.as_view(), name="round-detail"),
    path("<slug:slug>/edit/", rounds.RoundEditView.as_view(), name="round-edit"),
    path(
        "<slug:slug>/documents/add/",
        rounds.RoundDocumentAddView.as_view(),
        name="round-document-add",
    ),
    path(
        "<slug:slug>/documents/<int:pk>/", rounds.RoundDocumentView.as_view(), name="round-document"
    ),
    path("<slug:slug>/remind/", rounds.RoundReminderView.as_view(), name="round-reminder"),
    path("<slug:slug>/invite/", rounds.RoundInviteView.as_view(), name="round-invite"),
    path("<slug:slug>/protocol/", rounds.ProtocolRequestView.as_view(), name="protocol-request"),
    path("<slug:slug>/questions/", rounds.QuestionListView.as_view(), name="question-list"),
    path("<slug:slug>/questions/ask/", rounds.QuestionAskView.as_view(), name="question-ask"),
    path("<slug:slug>/ranking/", rounds.RankingView.as_view(), name="round-ranking"),
    path("<slug:slug>/evaluators/", evaluation.EvaluatorListView.as_view(), name="evaluator-list"),
    path("<slug:slug>/evaluation/", evaluation.EvaluationView.as_view(), name="evaluation"),
    path(
        "<slug:slug>/apply/", applications.ApplicationStartView.as_view(), name="application-start"
    ),
    path(
        "<slug:slug>/applications/",
        evaluation.ApplicationListView.as_view(),
        name="application-list",
    ),
    path(A, applications.ApplicationDetailView.as_view(), name="application-detail"),
    path(A + "edit/", applications.ApplicationEditView.as_view(), name="application-edit"),
    path(A + "submit/", applications.ApplicationSubmitView.as_view(), name="application-submit"),
    path(A + "attachments/add/", applications.AttachmentAddView.as_view(), name="attachment-add"),
    path(A + "review/", evaluation.ApplicationReviewView.as_view(), name="application-review"),
    path(A + "conflict/", evaluation.ConflictDeclareView.as_view(), name="application-conflict"),
    path(A + "score/", evaluation.ScoreView.as_view(), name="application-score"),
    path(A + "reports/<int:report_pk>/", grant_reports.ReportView.as_view(), name="report"),
    path(
        A + "reports/<int:report_pk>/files/add/",
        grant_reports.ReportFileAddView.as_view(),
        name="report-file-add",
    ),
    path(
        A + "reports/<int:report_pk>/files/<int:file_pk>/remove/",
        grant_reports.ReportFileRemoveView.as_view(),
        name="report-file-remove",
    ),
    path("<slug:slug>/<str:action>/", rounds.RoundMoveView.as_view(), name="round-move"),
]
