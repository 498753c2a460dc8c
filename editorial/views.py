from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.documents.views import multiple as docs_multiple
from wagtail.images.views import multiple as images_multiple

from .review import APPROVE, REQUEST_CHANGES, RequestChangesForm, outcome_message
from .services import upload_collection


class ReviewDecisionView(WorkflowActionView):
    """Wagtail's workflow action on a page, limited to the review queue's two decisions: a
    request for changes needs a comment, and the message says what the decision did."""

    submit_url_name = "editorial_review_decision"

    def check_action(self):
        if self.action_name not in {APPROVE, REQUEST_CHANGES}:
            raise PermissionDenied
        super().check_action()

    def get_form_class(self):
        return RequestChangesForm if self.action_name == REQUEST_CHANGES else None

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.form_class is None:  # approving takes no comment: nothing to ask
            return redirect(self.redirect_url)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        status_before = self.task_state.status
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status != status_before:
            messages.success(request, outcome_message(self.object, self.action_name))
        return response


class DefaultCollectionMultipleUploadMixin:
    """Wagtail's multiple upload, with the agency's "Hình ảnh"/"Tài liệu" collection chosen
    in the collection menu when the link names none."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("collections") and not context.get("selected_collection_id"):
            default = upload_collection(self.request.user, self.model)
            if default is not None:
                context["selected_collection_id"] = str(default.pk)
        return context


class ImageMultipleUploadView(DefaultCollectionMultipleUploadMixin, images_multiple.AddView):
    pass


class DocumentMultipleUploadView(DefaultCollectionMultipleUploadMixin, docs_multiple.AddView):
    pass
