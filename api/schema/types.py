"""JSON Schemas of API fields, inferred from the models' api_fields: scalars from model
fields, enums from choices (with the `<field>_display` labels), nested objects (inline
children, linked pages, images, documents, sectors…) with their own item schemas, properties
from their return annotations. `components` collects the named schemas as they are met."""

import typing

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.managers import TaggableManager
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from news.serializers import CategoriesField, PageLinkField

from ..choices import choices_of
from .enums import REF, enum_ref

ANY: dict = {}
STRING = {"type": "string"}
STREAM = {
    "type": "array",
    "description": "StreamField: các khối {type, value, id}; rich text là HTML.",
    "items": {
        "type": "object",
        "properties": {"type": STRING, "value": ANY, "id": STRING},
        "required": ["type", "value"],
    },
}
NESTED_OBJECT = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "meta": {"type": "object"}},
    "required": ["id"],
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
    (models.CharField, STRING),
    (models.TextField, STRING),
    (models.JSONField, ANY),
]
_ANNOTATIONS = {str: STRING, int: {"type": "integer"}, bool: {"type": "boolean"}}


def nullable(schema: dict) -> dict:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "type" not in schema:
        return schema
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*types, "null"]}


def ref(name: str) -> dict:
    return {"$ref": REF + name}


def component_name(model) -> str:
    return f"{model._meta.app_label}_{model.__name__}"


def _linked(model) -> dict:
    """A foreign key's target as Wagtail nests it: id, meta (type, detail URL…), title."""
    if issubclass(model, Page):
        return ref("PageLink")
    if issubclass(model, AbstractImage):
        return ref("ImageLink")
    if issubclass(model, AbstractDocument):
        return ref("DocumentLink")
    return NESTED_OBJECT


def _serializer_schema(components: dict, serializer, model) -> dict:
    if isinstance(serializer, ImageRenditionField):
        return ref("ImageRendition")
    if isinstance(serializer, CategoriesField):
        return {"type": "array", "items": ref("NewsCategoryLink")}
    if isinstance(serializer, PageLinkField):
        return ref("RelatedPageLink")
    if isinstance(serializer, serializers.ModelSerializer):
        target = serializer.Meta.model
        if target.__name__ in components:  # a snippet with its own endpoint (Sector)
            return ref(target.__name__)
        properties = {
            name: field_schema(components, target, name) for name in serializer.Meta.fields
        }
        return {"type": "object", "properties": properties, "required": list(properties)}
    return ANY


def _property_schema(components: dict, model, name: str) -> dict:
    """A property's schema from its return annotation (list[str] → array of strings)."""
    enum = enum_ref(components, model, name)
    prop = getattr(model, name, None)
    returns = typing.get_type_hints(prop.fget).get("return") if isinstance(prop, property) else None
    optional = type(None) in typing.get_args(returns)
    if optional:  # `str | None`
        returns = next(arg for arg in typing.get_args(returns) if arg is not type(None))
    if typing.get_origin(returns) is list:
        item = enum or _ANNOTATIONS.get(typing.get_args(returns)[0], ANY)
        schema = {"type": "array", "items": item}
    else:
        schema = enum or _ANNOTATIONS.get(returns, ANY)
    return nullable(schema) if optional else schema


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name) if name else None
    except FieldDoesNotExist:
        return None


def field_schema(components: dict, model, name: str, serializer=None) -> dict:
    """The schema of one API field of `model` (ANY when it cannot be inferred)."""
    field = _model_field(model, name)
    if serializer is not None:
        # A serializer may read another field (`source=`): its nullability is that field's.
        source = field or _model_field(model, getattr(serializer, "source", None) or "")
        schema = _serializer_schema(components, serializer, model)
        if schema == ANY and field is None:
            # A serializer computing a property's value under the request: the property's
            # annotation says what it is.
            return _property_schema(components, model, name)
        return nullable(schema) if source is not None and source.null else schema
    if field is None:
        return _property_schema(components, model, name)
    if isinstance(field, TaggableManager):
        return {"type": "array", "items": STRING}
    if isinstance(field, StreamField):
        return STREAM
    if field.one_to_many or field.many_to_many:
        if isinstance(field.remote_field, ParentalKey):
            return {"type": "array", "items": child_schema(components, field.related_model)}
        return {"type": "array", "items": _linked(field.related_model)}
    if field.many_to_one or field.one_to_one:
        linked = _linked(field.related_model)
        return nullable(linked) if field.null else linked
    schema = enum_ref(components, model, name)
    if schema is None:
        schema = next((s for cls, s in _SCALARS if isinstance(field, cls)), ANY)
    return nullable(schema) if field.null else schema


def display_schema(model, name: str, schema: dict) -> dict | None:
    """The schema of `<name>_display` when `name` holds choice values, else None."""
    if choices_of(model, name) is None:
        return None
    if schema.get("type") == "array":
        return {"type": "array", "items": STRING, "description": "Nhãn tiếng Việt."}
    return {**nullable(STRING), "description": "Nhãn tiếng Việt của giá trị bên trên."}


def api_properties(components: dict, model) -> dict:
    """The schemas of `model`'s api_fields, each choice field followed by its label."""
    properties = {}
    for api_field in getattr(model, "api_fields", []):
        schema = field_schema(components, model, api_field.name, api_field.serializer)
        properties[api_field.name] = schema
        display = display_schema(model, api_field.name, schema)
        if display is not None:
            properties[f"{api_field.name}_display"] = display
    return properties


def child_schema(components: dict, model) -> dict:
    """An inline object (fee, dossier component, legal basis…) as a named component."""
    name = component_name(model)
    if name not in components:
        components[name] = {}  # reserved first: a child may refer back to its own kind
        meta = {
            "type": "object",
            "properties": {"type": {"const": f"{model._meta.app_label}.{model.__name__}"}},
            "required": ["type"],
        }
        properties = {"id": {"type": "integer"}, "meta": meta, **api_properties(components, model)}
        # Inline objects always come whole (Wagtail nests them with `*`).
        components[name] = {
            "type": "object",
            "description": str(model._meta.verbose_name),
            "properties": properties,
            "required": list(properties),
        }
    return ref(name)


def page_schema(components: dict, model: type[Page], detail: bool = True) -> dict:
    """A page type's shape: id, meta, title and each of its api_fields, all present in a
    detail; a listing item (`detail=False`) has the ones it asked for (`fields=`)."""
    # meta.type names the page type, so an item matches exactly one of the page schemas.
    own_type = {
        "properties": {"type": {"const": f"{model._meta.app_label}.{model.__name__}"}},
        "required": ["type"],
    }
    properties = {
        "id": {"type": "integer"},
        "meta": {"allOf": [ref("PageMeta"), own_type]},
        "title": STRING,
        **api_properties(components, model),
    }
    return {
        "type": "object",
        "description": str(model._meta.verbose_name),
        "properties": properties,
        "required": list(properties) if detail else ["id", "meta"],
    }
