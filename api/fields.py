"""API fields: a page's site, the URLs of pages, images and documents on the request's origin
(api.links), image renditions, document file details and choice labels."""

from rest_framework.fields import Field
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
    """Wagtail's rendition field with both URLs absolute on the request's origin."""

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


class LabelledSerializerMixin:
    """Adds `<field>_display`, the Vietnamese label, after every choice value (api.choices)."""

    def to_representation(self, instance):
        return with_labels(super().to_representation(instance), type(instance))


class SitePageSerializer(LabelledSerializerMixin, PageSerializer):
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
        return field_class, kwargs


class RenditionImageSerializer(ImageSerializer):
    detail_url = ObjectDetailUrlField()
    download_url = ImageDownloadUrlField()
    renditions = ImageRenditionsField()


class FileDocumentSerializer(DocumentSerializer):
    detail_url = ObjectDetailUrlField()
    download_url = DocumentDownloadUrlField()
    file = DocumentFileField()
