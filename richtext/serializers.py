from wagtail.api.v2.serializers import RichTextFieldSerializer

from sites.visibility import Visibility

from .references import public_references
from .sanitising import clean_api_rich_text


class SafeRichTextFieldSerializer(RichTextFieldSerializer):
    """A RichTextField in the API: only public references, in the format the client asked
    for, cleaned by the project's sanitiser after Wagtail's output."""

    def to_representation(self, value):
        value = public_references(value, Visibility.for_context(self.context))
        output = super().to_representation(value)
        request = self.context.get("request")
        return clean_api_rich_text(
            output,
            self.context["_wagtail_rich_text_format"],
            request.build_absolute_uri("/")[:-1] if request else "",
        )
