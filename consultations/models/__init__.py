"""Every model of the app (Django needs them imported here); one module per concept."""

from .calendar import MunicipalEvent
from .consultations import Consultation, ConsultationChange, ConsultationDocument
from .following import NeighbourhoodFollow
from .problems import ProblemReport, ProblemReportChange
from .submissions import Answer, Submission, SubmissionChange

__all__ = [
    "Answer",
    "Consultation",
    "ConsultationChange",
    "ConsultationDocument",
    "MunicipalEvent",
    "NeighbourhoodFollow",
    "ProblemReport",
    "ProblemReportChange",
    "Submission",
    "SubmissionChange",
]
