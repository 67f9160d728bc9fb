from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="consultation-list"),
    path("new/", views.ConsultationCreateView.as_view(), name="consultation-create"),
    path("mine/", views.MySubmissionsView.as_view(), name="submission-mine"),
    path("overdue/", views.OverdueListView.as_view(), name="overdue"),
    path("following/", views.FollowView.as_view(), name="following"),
    path("events/", views.MunicipalEventListView.as_view(), name="event-list"),
    path("events/new/", views.MunicipalEventFormView.as_view(), name="event-create"),
    path("events/<int:pk>/edit/", views.MunicipalEventFormView.as_view(), name="event-update"),
    path("events/<int:pk>/delete/", views.MunicipalEventDeleteView.as_view(), name="event-delete"),
    path("<slug:slug>/", views.ConsultationDetailView.as_view(), name="consultation-detail"),
    path("<slug:slug>/edit/", views.ConsultationEditView.as_view(), name="consultation-edit"),
    path(
        "<slug:slug>/documents/add/",
        views.ConsultationDocumentAddView.as_view(),
        name="document-add",
    ),
    path(
        "<slug:slug>/documents/<int:pk>/",
        views.ConsultationDocumentView.as_view(),
        name="document",
    ),
    path(
        "<slug:slug>/status/<str:action>/",
        views.ConsultationMoveView.as_view(),
        name="consultation-move",
    ),
    path("<slug:slug>/submit/", views.SubmissionCreateView.as_view(), name="submission-create"),
    path("<slug:slug>/submissions/", views.SubmissionListView.as_view(), name="submission-list"),
    path("<slug:slug>/answer/", views.AnswerView.as_view(), name="answer"),
    path(
        "<slug:slug>/submissions/<int:pk>/",
        views.SubmissionDetailView.as_view(),
        name="submission-detail",
    ),
    path(
        "<slug:slug>/submissions/<int:pk>/attachment/",
        views.SubmissionAttachmentView.as_view(),
        name="submission-attachment",
    ),
    path(
        "<slug:slug>/submissions/<int:pk>/correct/",
        views.AnswerCorrectView.as_view(),
        name="answer-correct",
    ),
    path(
        "<slug:slug>/submissions/<int:pk>/extend/",
        views.ExtensionView.as_view(),
        name="answer-extend",
    ),
    path("<slug:slug>/feedback/", views.FeedbackView.as_view(), name="feedback"),
    path(
        "<slug:slug>/feedback/report.pdf", views.FeedbackReportView.as_view(), name="feedback-pdf"
    ),
]
