"""Personal data erased after the retention period; the agency's record stays."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from participation import comments, services
from participation.models import Comment, Question

from .conftest import comment_data, make_consultation, png_bytes, question_data


def _question(site, **overrides):
    data = {**question_data(), "sector": None, "agency": "", "attachment": None, **overrides}
    return services.submit_question(site, data)


def test_purge_erases_expired_personal_data_only(world, settings):
    settings.PARTICIPATION = {**settings.PARTICIPATION, "RETENTION_DAYS": 30}
    editor = world["own"].users["editor"]
    old = _question(world["own"].site, attachment=SimpleUploadedFile("a.png", png_bytes()))
    services.answer(old, editor, "Đã trả lời câu hỏi.")
    path = old.attachment.path
    still_open = _question(world["own"].site, text="Câu hỏi cũ chưa trả lời, vẫn đang xử lý.")
    recent = _question(world["own"].site, text="Câu hỏi mới trả lời gần đây, còn trong hạn.")
    services.answer(recent, editor, "Trả lời gần đây.")
    long_ago = timezone.now() - timedelta(days=31)
    Question.objects.filter(pk__in=[old.pk, still_open.pk]).update(updated_at=long_ago)

    consultation = make_consultation(
        world["own"], opens_in=-timedelta(days=60), closes_in=timedelta(days=1)
    )
    comment = comments.submit_comment(consultation, {**comment_data(), "question": None})
    consultation.closes_at = long_ago
    consultation.save()

    call_command("purge_personal_data", "--dry-run")
    assert Question.objects.get(pk=old.pk).email  # a dry run changes nothing

    call_command("purge_personal_data")
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.attachment.name) == ("", "", "", "")
    assert old.personal_data_purged_at is not None
    assert old.text and old.answer  # the record stays
    assert old.events.filter(kind="purged").exists()
    import os

    assert not os.path.exists(path)
    for kept in (still_open, recent):
        kept.refresh_from_db()
        assert kept.email and kept.name
    comment = Comment.objects.get(pk=comment.pk)
    assert (comment.name, comment.email, comment.phone) == ("", "", "")
    assert comment.text
