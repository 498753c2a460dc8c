"""API representations of a procedure's parts."""

from rest_framework import serializers

from api.perclass import FieldsPerClass

from .models.sector import Sector


class SectorSerializer(FieldsPerClass, serializers.ModelSerializer):
    """A sector by its name, not just an id (sectors have no API endpoint)."""

    class Meta:
        model = Sector
        fields = ["id", "name", "slug", "code"]


class OnlineSubmissionUrlField(serializers.Field):
    """The procedure's online submission URL, its site's portal read once per request (a
    listing of procedures asked one query per item)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> str | None:
        return page.online_submission_url_for(self.context.get("request"))
