"""API representation of a sector: its name, not just an id (sectors have no API endpoint)."""

from rest_framework import serializers

from .models.sector import Sector


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "name", "slug", "code"]
