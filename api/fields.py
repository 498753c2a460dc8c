"""Extra API fields: a page's site, image renditions and document file details."""

from rest_framework.fields import Field
from wagtail.api.v2.serializers import PageSerializer
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.fields import RichTextField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.models import Site

from home.blocks import image_api_data
from richtext.serializers import SafeRichTextFieldSerializer

from .scoping import site_of_path


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


class PageSiteField(Field):
    """The site a page belongs to; lets `site=*` listings say where each item lives."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> dict | None:
        # Read once per response, not once per item of a listing.
        if "_all_sites" not in self.context:
            self.context["_all_sites"] = list(Site.objects.select_related("root_page", "agency"))
        return site_data(site_of_path(page.path, self.context["_all_sites"]))


class ImageRenditionsField(Field):
    """Id, alt text and a few renditions (see home.blocks.API_RENDITIONS)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image) -> dict | None:
        data = image_api_data(image, getattr(image, "default_alt_text", "") or image.title)
        return {"alt": data["alt"], "renditions": data["renditions"]} if data else None


class DocumentFileField(Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

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


class SitePageSerializer(PageSerializer):
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        RichTextField: SafeRichTextFieldSerializer,
    }
    site = PageSiteField()


class RenditionImageSerializer(ImageSerializer):
    renditions = ImageRenditionsField()


class FileDocumentSerializer(DocumentSerializer):
    file = DocumentFileField()
