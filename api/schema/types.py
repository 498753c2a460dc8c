"""JSON Schemas of API fields, inferred from model fields and serializer overrides."""

from django.db import models
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.managers import TaggableManager
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

ANY: dict = {}
STREAM = {
    "type": "array",
    "description": "StreamField: các khối {type, value, id}; rich text là HTML.",
    "items": {
        "type": "object",
        "properties": {"type": {"type": "string"}, "value": ANY, "id": {"type": "string"}},
        "required": ["type", "value"],
    },
}
NESTED_OBJECT = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "meta": {"type": "object"}},
}

_SCALARS = [
    (models.BooleanField, {"type": "boolean"}),
    (models.AutoField, {"type": "integer"}),
    (models.IntegerField, {"type": "integer"}),
    (models.DecimalField, {"type": "string", "format": "decimal"}),
    (models.FloatField, {"type": "number"}),
    (models.DateTimeField, {"type": "string", "format": "date-time"}),
    (models.DateField, {"type": "string", "format": "date"}),
    (models.URLField, {"type": "string", "format": "uri"}),
    (RichTextField, {"type": "string", "contentMediaType": "text/html"}),
    (models.CharField, {"type": "string"}),
    (models.TextField, {"type": "string"}),
    (models.JSONField, ANY),
]


def nullable(schema: dict) -> dict:
    if "type" not in schema:
        return schema
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*types, "null"]}


def override_schema(serializer) -> dict:
    if isinstance(serializer, ImageRenditionField):
        return nullable(
            {
                "type": "object",
                "properties": {
                    "url": {"type": "string"},
                    "full_url": {"type": "string"},
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                    "alt": {"type": "string"},
                },
            }
        )
    if isinstance(serializer, serializers.ModelSerializer):
        return nullable({"type": "object", "properties": {"id": {"type": "integer"}}})
    name = type(serializer).__name__
    if "Categories" in name:
        return {"type": "array", "items": {"type": "object"}}
    return nullable({"type": "object"}) if "Link" in name else ANY


def field_schema(model: type[models.Model], name: str, serializer=None) -> dict:
    """The schema of one API field of `model` (ANY when it cannot be inferred)."""
    if serializer is not None:
        return override_schema(serializer)
    try:
        field = model._meta.get_field(name)
    except Exception:
        return ANY  # a property: its type is not declared
    if isinstance(field, TaggableManager):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(field, StreamField):
        return STREAM
    if field.one_to_many or field.many_to_many:
        if isinstance(getattr(field.remote_field, "field", None), ParentalKey):
            return {"type": "array", "items": child_schema(field.related_model)}
        return {"type": "array", "items": NESTED_OBJECT}
    if field.many_to_one or field.one_to_one:
        return nullable(NESTED_OBJECT)
    for field_class, schema in _SCALARS:
        if isinstance(field, field_class):
            return nullable(schema) if field.null else schema
    return ANY


def child_schema(model: type[models.Model]) -> dict:
    properties = {"id": {"type": "integer"}}
    for api_field in getattr(model, "api_fields", []):
        properties[api_field.name] = field_schema(model, api_field.name, api_field.serializer)
    return {"type": "object", "properties": properties}


def page_schema(model: type[Page]) -> dict:
    """A page type's detail shape: id, meta, title and each of its api_fields."""
    # meta.type names the page type, so a detail matches exactly one of the page schemas.
    own_type = {"properties": {"type": {"const": f"{model._meta.app_label}.{model.__name__}"}}}
    properties = {
        "id": {"type": "integer"},
        "meta": {"allOf": [{"$ref": "#/components/schemas/PageMeta"}, own_type]},
        "title": {"type": "string"},
    }
    for api_field in getattr(model, "api_fields", []):
        properties[api_field.name] = field_schema(model, api_field.name, api_field.serializer)
    return {
        "type": "object",
        "description": str(model._meta.verbose_name),
        "properties": properties,
        "required": ["id", "meta", "title"],
    }
