"""API fields: a page's site, the URLs of pages, images and documents on the request's origin
(api.links), image renditions, document file details and choice labels; and the public filter
on every page, image and document a page refers to (sites.visibility)."""

from rest_framework.fields import Field
from rest_framework.serializers import ListSerializer
from wagtail.api.v2.serializers import (
    ChildRelationField,
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.models import Site

from home.blocks import image_api_data
from richtext.serializers import SafeRichTextFieldSerializer
from sites.visibility import Visibility

from .choices import with_labels
from .links import absolute, all_sites, object_api_url, page_api_url
from .scoping import site_of_path

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
        return site_data(site_of_path(page.path, all_sites(self.context)))


class PageDetailUrlField(InstanceField):
    def to_representation(self, page) -> str:
        return page_api_url(self.context, page)


class ObjectDetailUrlField(InstanceField):
    def to_representation(self, instance) -> str:
        return object_api_url(self.context, type(instance), instance.pk)


def _page_link(context: dict, page) -> dict:
    serializer_class = get_serializer_class(
        type(page),
        PAGE_LINK_FIELDS,
        meta_fields=["type", "detail_url", "html_url"],
        base=SitePageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class SitePageParentField(PageParentField):
    def to_representation(self, value) -> dict:
        return _page_link(self.context, value)


class SitePageAliasOfField(PageAliasOfField):
    def to_representation(self, value) -> dict:
        return _page_link(self.context, value)


class AbsoluteImageRenditionField(ImageRenditionField):
    """Wagtail's rendition field with both URLs absolute on the request's origin; null for an
    image the caller may not see (a private collection's)."""

    def get_attribute(self, instance):
        return Visibility.for_context(self.context).public(super().get_attribute(instance))

    def to_representation(self, image):
        data = super().to_representation(image)
        if "url" in data:
            request = self.context["request"]
            data["url"] = data["full_url"] = absolute(request, data["url"])
        return data


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
        items = (serializer.to_representation(child) for child in value.all())
        return [item for item in items if all(item[name] is not None for name in required)]


class LabelledSerializerMixin:
    """Adds `<field>_display`, the Vietnamese label, after every choice value (api.choices)."""

    def to_representation(self, instance):
        return with_labels(super().to_representation(instance), type(instance))


class SitePageSerializer(PublicReferencesMixin, LabelledSerializerMixin, PageSerializer):
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        RichTextField: SafeRichTextFieldSerializer,
    }
    site = PageSiteField()
    detail_url = PageDetailUrlField()
    parent = SitePageParentField(read_only=True)
    alias_of = SitePageAliasOfField(read_only=True)

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            child = kwargs["serializer_class"]
            kwargs["serializer_class"] = type(child.__name__, (LabelledSerializerMixin, child), {})
            field_class = PublicChildRelationField
        return field_class, kwargs


class RenditionImageSerializer(PublicReferencesMixin, ImageSerializer):
    detail_url = ObjectDetailUrlField()
    download_url = ImageDownloadUrlField()
    renditions = ImageRenditionsField()


class FileDocumentSerializer(PublicReferencesMixin, DocumentSerializer):
    detail_url = ObjectDetailUrlField()
    download_url = DocumentDownloadUrlField()
    file = DocumentFileField()
