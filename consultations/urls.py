from django.urls import path

from .views import calendar, consultations, feedback, submissions

app_name = "consultations"

urlpatterns = [
    path("", consultations.ConsultationListView.as_view(), name="consultation-list"),
    path("new/", consultations.ConsultationCreateView.as_view(), name="consultation-create"),
    path("mine/", submissions.MySubmissionsView.as_view(), name="submission-mine"),
    path("overdue/", submissions.OverdueListView.as_view(), name="overdue"),
    path("following/", feedback.FollowView.as_view(), name="following"),
    path("events/", calendar.MunicipalEventListView.as_view(), name="event-list"),
    path("events/new/", calendar.MunicipalEventFormView.as_view(), name="event-create"),
    path("events/<int:pk>/edit/", calendar.MunicipalEventFormView.as_view(), name="event-update"),
    path(
        "events/<int:pk>/delete/", calendar.MunicipalEventDeleteView.as_view(), name="event-delete"
    ),
    path(
        "<slug:slug>/", consultations.ConsultationDetailView.as_view(), name="consultation-detail"
    ),
    path(
        "<slug:slug>/edit/", consultations.ConsultationEditView.as_view(), name="consultation-edit"
    ),
    path(
        "<slug:slug>/documents/add/",
        consultations.ConsultationDocumentAddView.as_view(),
        name="document-add",
    ),
    path(
        "<slug:slug>/documents/<int:pk>/",
        consultations.ConsultationDocumentView.as_view(),
        name="document",
    ),
    path(
        "<slug:slug>/status/<str:action>/",
        consultations.ConsultationMoveView.as_view(),
        name="consultation-move",
    ),
    path(
        "<slug:slug>/submit/", submissions.SubmissionCreateView.as_view(), name="submission-create"
    ),
    path(
        "<slug:slug>/submissions/", submissions.SubmissionListView.as_view(), name="submission-list"
    ),
    path("<slug:slug>/answer/", submissions.AnswerView.as_view(), name="answer"),
    path(
        "<slug:slug>/submissions/<int:pk>/",
        submissions.SubmissionDetailView.as_view(),
        name="submission-detail",
    ),
    path(
        "<slug:slug>/submissions/<int:pk>/attachment/",
        submissions.SubmissionAttachmentView.as_view(),
        name="submission-attachment",
    ),
    path(
        "<slug:slug>/submissions/<int:pk>/correct/",
        submissions.AnswerCorrectView.as_view(),
        name="answer-correct",
    ),
    path(
        "<slug:slug>/submissions/<int:pk>/extend/",
        submissions.ExtensionView.as_view(),
        name="answer-extend",
    ),
    path("<slug:slug>/feedback/", feedback.FeedbackView.as_view(), name="feedback"),
    path(
        "<slug:slug>/feedback/report.pdf",
        feedback.FeedbackReportView.as_view(),
        name="feedback-pdf",
    ),
]
