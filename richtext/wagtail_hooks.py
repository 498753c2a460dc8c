from wagtail import hooks
from wagtail.rich_text.feature_registry import FeatureRegistry

from .handlers import PublicDocumentLinkHandler, PublicImageEmbedHandler, PublicPageLinkHandler


# After Wagtail's own handlers (order 0), which register the same link and embed types.
@hooks.register("register_rich_text_features", order=10)
def register_public_reference_handlers(features: FeatureRegistry) -> None:
    """Rich text shown to anyone links only to public pages and documents and embeds only
    public images (richtext.references)."""
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)
