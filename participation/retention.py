"""Erasing personal data once it is no longer needed (Decree 13/2023/NĐ-CP): a question's
name, contacts and attachment a retention period after it was finished (answered, published
or closed), a comment's after its consultation closed. The question, the answer and the
comment's text stay (the agency's record); the audit rows name staff only."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import FINISHED_STATUSES, EventKind
from .models import Comment, Question, QuestionEvent


@dataclass
class PurgeResult:
    questions: int
    comments: int


def cutoff(now=None) -> "timezone.datetime":
    return (now or timezone.now()) - timedelta(days=settings.PARTICIPATION["RETENTION_DAYS"])


def expired_questions(now=None):
    return Question.objects.filter(
        status__in=FINISHED_STATUSES,
        updated_at__lt=cutoff(now),
        personal_data_purged_at__isnull=True,
    )


def expired_comments(now=None):
    return Comment.objects.filter(
        consultation__closes_at__lt=cutoff(now), personal_data_purged_at__isnull=True
    )


def _erased() -> dict:
    return {"name": "", "email": "", "phone": "", "personal_data_purged_at": timezone.now()}


def erase_question(question: Question, user=None, note: str = "") -> None:
    """Erase one question's name, contacts and attachment (the purge, or the citizen's
    request to an agency, Decree 13/2023 Art. 16); the history records it."""
    if question.attachment:
        question.attachment.delete(save=False)
    for field, value in _erased().items():
        setattr(question, field, value)
    # update_fields without updated_at: erasing is not a change of the case.
    question.save(update_fields=["name", "email", "phone", "attachment", "personal_data_purged_at"])
    QuestionEvent.objects.create(question=question, kind=EventKind.PURGED, user=user, note=note)


def erase_comment(comment: Comment) -> None:
    """Erase one comment's name and contacts on the commenter's request (Decree 13/2023
    Art. 16): what was said stays, attributed to its organisation if one was given."""
    for field, value in _erased().items():
        setattr(comment, field, value)
    comment.save(update_fields=["name", "email", "phone", "personal_data_purged_at"])


@transaction.atomic
def purge_personal_data(now=None, dry_run: bool = False) -> PurgeResult:
    questions = list(expired_questions(now))
    comments = expired_comments(now)
    result = PurgeResult(questions=len(questions), comments=comments.count())
    if dry_run:
        return result
    for question in questions:
        erase_question(question)
    comments.update(**_erased())
    return result
