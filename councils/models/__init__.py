"""Councils: the NGO advisory council and residents' councils, their seats with terms,
nominations, meetings with agendas and papers, the council's recommendations and the
municipality's answer to each, and the elections of residents' councils."""

from .councils import Council, CouncilChange, Seat, Term
from .elections import Candidacy, Election, ElectionChange, LotDrawing, Vote
from .meetings import AgendaItem, Attendance, Meeting, MeetingChange, ReviewComment
from .nominations import Nomination, NominationChange, NominationPeriod
from .papers import MeetingPaper
from .recommendations import Recommendation

__all__ = [
    "AgendaItem",
    "Attendance",
    "Candidacy",
    "Council",
    "CouncilChange",
    "Election",
    "ElectionChange",
    "LotDrawing",
    "Meeting",
    "MeetingChange",
    "MeetingPaper",
    "Nomination",
    "NominationChange",
    "NominationPeriod",
    "Recommendation",
    "ReviewComment",
    "Seat",
    "Term",
    "Vote",
]
