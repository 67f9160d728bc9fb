from .calendar import MunicipalEventDeleteView, MunicipalEventFormView, MunicipalEventListView
from .consultations import (
    ConsultationCreateView,
    ConsultationDetailView,
    ConsultationDocumentAddView,
    ConsultationDocumentView,
    ConsultationEditView,
    ConsultationListView,
    ConsultationMoveView,
)
from .feedback import FeedbackReportView, FeedbackView, FollowView
from .submissions import (
    AnswerCorrectView,
    AnswerView,
    ExtensionView,
    MySubmissionsView,
    OverdueListView,
    SubmissionAttachmentView,
    SubmissionCreateView,
    SubmissionDetailView,
    SubmissionListView,
)

__all__ = [
    "AnswerCorrectView",
    "AnswerView",
    "ConsultationCreateView",
    "ConsultationDetailView",
    "ConsultationDocumentAddView",
    "ConsultationDocumentView",
    "ConsultationEditView",
    "ConsultationListView",
    "ConsultationMoveView",
    "ExtensionView",
    "FeedbackReportView",
    "FeedbackView",
    "FollowView",
    "MunicipalEventDeleteView",
    "MunicipalEventFormView",
    "MunicipalEventListView",
    "MySubmissionsView",
    "OverdueListView",
    "SubmissionAttachmentView",
    "SubmissionCreateView",
    "SubmissionDetailView",
    "SubmissionListView",
]
