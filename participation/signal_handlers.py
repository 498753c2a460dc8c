"""A Q&A page going live (the chief approved it in the site's workflow) publishes its
question."""

from wagtail.signals import page_published

from .models import QuestionAnswerPage


def on_page_published(sender, instance, **kwargs) -> None:
    from .services import mark_published

    mark_published(instance)


def register() -> None:
    page_published.connect(
        on_page_published, sender=QuestionAnswerPage, dispatch_uid="participation_qa_published"
    )
