from wagtail.api.v2.serializers import RichTextFieldSerializer

from .sanitising import clean_api_rich_text


class SafeRichTextFieldSerializer(RichTextFieldSerializer):
    """A RichTextField in the API, cleaned by the project's sanitiser after Wagtail's output."""

    def to_representation(self, value):
        output = super().to_representation(value)
        request = self.context.get("request")
        return clean_api_rich_text(
            output,
            self.context["_wagtail_rich_text_format"],
            request.build_absolute_uri("/")[:-1] if request else "",
        )
