"""The dashboard's count of the agency's questions and comments waiting."""

from django.db.models import Count, Q
from wagtail.admin.ui.components import Component

from .choices import CommentStatus, QuestionStatus


class InboxCountsPanel(Component):
    name = "participation_inbox_counts"
    template_name = "participation/admin/panel.html"
    order = 55

    def get_context_data(self, parent_context):
        from .admin_views import user_comments, user_questions

        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        questions = user_questions(user)
        counts = questions.aggregate(
            new=Count("pk", filter=Q(status=QuestionStatus.NEW)),
            open=Count(
                "pk",
                filter=Q(
                    status__in=[
                        QuestionStatus.NEW,
                        QuestionStatus.ASSIGNED,
                        QuestionStatus.NEEDS_INFO,
                    ]
                ),
            ),
        )
        counts["overdue"] = questions.overdue().count()
        counts["comments"] = user_comments(user).filter(status=CommentStatus.PENDING).count()
        context["counts"] = counts
        context["shown"] = any(counts.values())
        return context
