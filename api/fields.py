"""API fields: a page's site, the URLs of pages, images and documents on the request's origin
(api.links), image renditions, document file details and choice labels; and the public filter
on every page, image and document a page refers to (sites.visibility)."""

from functools import cache

from rest_framework.fields import Field
from rest_framework.serializers import ListSerializer
from wagtail.api.v2.serializers import (
    ChildRelationField,
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    TagsField,
    get_serializer_class,
)
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionDict, ImageRenditionField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.models import SourceImageIOError
from wagtail.images.utils import to_svg_safe_spec
from wagtail.models import Site

from home.blocks import image_api_data
from home.compiled import related_objects, tag_names
from home.renditions import renditions_of
from richtext.serializers import SafeRichTextFieldSerializer
from sites.visibility import Visibility

from .choices import with_labels
from .links import absolute, object_api_url, page_api_url, page_html_url
from .perclass import FieldsPerClass
from .scoping import public_parent
from .tables import site_index, with_root_paths

PAGE_LINK_FIELDS = ["id", "type", "detail_url", "html_url", "title"]


def site_data(site: Site | None) -> dict | None:
    if site is None:
        return None
    agency = getattr(site, "agency", None)
    return {
        "id": site.pk,
        "hostname": site.hostname,
        "slug": agency.slug if agency else None,
        "name": site.site_name,
        "root_url": site.root_url,
    }


class InstanceField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance


class PageSiteField(InstanceField):
    """The site a page belongs to; lets `site=*` listings say where each item lives."""

    def to_representation(self, page) -> dict | None:
        return site_data(site_index(self.context["request"]).of_path(page.path))


class PageDetailUrlField(InstanceField):
    def to_representation(self, page) -> str:
        return page_api_url(self.context, page)


class SitePageHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page) -> str | None:
        return page_html_url(page)


class ObjectDetailUrlField(InstanceField):
    def to_representation(self, instance) -> str:
        return object_api_url(self.context, type(instance), instance.pk)


@cache
def _page_link_serializer(model) -> type:
    """The serializer of a page shown as a link, its class built once per page type."""
    return get_serializer_class(
        model,
        PAGE_LINK_FIELDS,
        meta_fields=["type", "detail_url", "html_url"],
        base=SitePageSerializer,
    )


def _page_link(context: dict, page) -> dict:
    return _page_link_serializer(type(page))(context=context).to_representation(page)


class SitePageParentField(PageParentField):
    """The parent page, when the caller may see it (Wagtail's field reads the parent, then
    asks whether it is in the public queryset: two queries for every response)."""

    def get_attribute(self, instance):
        request = self.context["request"]
        parent = public_parent(request, self.context["view"].scope_site, instance)
        return with_root_paths(request, parent) if parent else None

    def to_representation(self, value) -> dict:
        return _page_link(self.context, value)


class SitePageAliasOfField(PageAliasOfField):
    def to_representation(self, value) -> dict:
        return _page_link(self.context, value)


class AbsoluteImageRenditionField(ImageRenditionField):
    """Wagtail's rendition field with both URLs absolute on the request's origin; null for an
    image the caller may not see (a private collection's). The rendition is read from those
    kept with the image or with one cache read (home.renditions): Wagtail's `get_rendition`
    reads the cache, then writes the rendition back to it, for every image of a response."""

    def get_attribute(self, instance):
        return Visibility.for_context(self.context).public(super().get_attribute(instance))

    def to_representation(self, image):
        spec = self.filter_spec
        if self.preserve_svg and image.is_svg():
            spec = to_svg_safe_spec(spec)
        try:
            rendition = renditions_of(image, spec)[spec]
        except SourceImageIOError:
            return {"error": "SourceImageIOError"}
        url = absolute(self.context["request"], rendition.url)
        return ImageRenditionDict(
            url=url, full_url=url, width=rendition.width, height=rendition.height,
            alt=rendition.alt,
        )  # fmt: skip


class ImageRenditionsField(InstanceField):
    """Id, alt text and a few renditions (see home.blocks.API_RENDITIONS)."""

    def to_representation(self, image) -> dict | None:
        alt = getattr(image, "default_alt_text", "") or image.title
        data = image_api_data(image, alt, self.context["request"])
        return {"alt": data["alt"], "renditions": data["renditions"]} if data else None


class ImageDownloadUrlField(InstanceField):
    def to_representation(self, image) -> str:
        return absolute(self.context["request"], image.file.url)


class DocumentDownloadUrlField(InstanceField):
    """The download view (it checks the collection's privacy), not the file itself."""

    def to_representation(self, document) -> str:
        return absolute(self.context["request"], document.url)


class DocumentFileField(InstanceField):
    def to_representation(self, document) -> dict:
        try:
            size = document.get_file_size()
        except OSError:  # the file is missing from storage
            size = None
        return {
            "size": size,
            "extension": document.file_extension,
            "content_type": document.content_type,
        }


def is_reference(serializer) -> bool:
    """Whether `serializer` serialises an object another one refers to (a page's image, a
    child's document, a related page, a parent or alias link): the endpoint's own objects
    come from its public queryset, a detail view's object (or a preview's draft) is the one
    asked for."""
    parent = serializer.parent
    if isinstance(parent, ListSerializer):
        return parent.parent is not None
    return parent is not None or serializer.instance is None


class PublicReferencesMixin:
    """A referenced page, image or document the caller may not see is serialised as null."""

    def to_representation(self, instance):
        if is_reference(self) and not Visibility.for_context(self.context).allows(instance):
            return None
        return super().to_representation(instance)


class PublicChildRelationField(ChildRelationField):
    """Inline children (related pages, attachments, legal bases…): a child whose required
    reference came out null is left out; an optional one stays with its null."""

    def to_representation(self, value):
        serializer = self.serializer_class(context=self.context)
        required = [
            field.name
            for field in value.model._meta.concrete_fields
            if field.many_to_one and not field.null and field.name in serializer.fields
        ]
        children = related_objects(value.instance, self.source)
        if children is None:
            children = value.all()
        items = (serializer.to_representation(child) for child in children)
        return [item for item in items if all(item[name] is not None for name in required)]


class CompiledTagsField(TagsField):
    """Tag names, read with a query compiled once (home.compiled)."""

    def to_representation(self, value) -> list[str]:
        names = tag_names(value.instance, self.source)
        return super().to_representation(value) if names is None else names


class LabelledSerializerMixin:
    """Adds `<field>_display`, the Vietnamese label, after every choice value (api.choices)."""

    def to_representation(self, instance):
        return with_labels(super().to_representation(instance), type(instance))


class SitePageSerializer(
    FieldsPerClass, PublicReferencesMixin, LabelledSerializerMixin, PageSerializer
):
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        RichTextField: SafeRichTextFieldSerializer,
    }
    site = PageSiteField()
    detail_url = PageDetailUrlField()
    html_url = SitePageHtmlUrlField(read_only=True)
    parent = SitePageParentField(read_only=True)
    alias_of = SitePageAliasOfField(read_only=True)

    def to_representation(self, instance):
        # The site root paths of this content version: no cache read for the page's URL.
        return super().to_representation(with_root_paths(self.context["request"], instance))

    def build_property_field(self, field_name, model_class):
        field_class, kwargs = super().build_property_field(field_name, model_class)
        return (CompiledTagsField if field_class is TagsField else field_class), kwargs

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            child = kwargs["serializer_class"]
            kwargs["serializer_class"] = type(
                child.__name__, (FieldsPerClass, LabelledSerializerMixin, child), {}
            )
            field_class = PublicChildRelationField
        return field_class, kwargs


class RenditionImageSerializer(FieldsPerClass, PublicReferencesMixin, ImageSerializer):
    detail_url = ObjectDetailUrlField()
    download_url = ImageDownloadUrlField()
    renditions = ImageRenditionsField()


class FileDocumentSerializer(FieldsPerClass, PublicReferencesMixin, DocumentSerializer):
    detail_url = ObjectDetailUrlField()
    download_url = DocumentDownloadUrlField()
    file = DocumentFileField()
