"""Citizen participation: questions to agencies, public comment on drafts, their Q&A and
consultation pages, the per-site settings and the audit of who read a submission."""

from .audit import SubmissionAccess
from .consultations import (
    Comment,
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationQuestion,
)
from .pages import QuestionAnswerIndexPage, QuestionAnswerPage, QuestionAnswerProcedure
from .questions import Question, QuestionEvent
from .site_settings import ParticipationSettings

__all__ = [
    "Comment",
    "ConsultationDocument",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationQuestion",
    "ParticipationSettings",
    "Question",
    "QuestionAnswerIndexPage",
    "QuestionAnswerPage",
    "QuestionAnswerProcedure",
    "QuestionEvent",
    "SubmissionAccess",
]
