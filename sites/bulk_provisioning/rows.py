"""What every batch reads once, and the rows of its new pages: the page, its revision and
log entries."""

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Collection, Page, PageLogEntry, Revision
from wagtail.models.workflows import GroupApprovalTask

from home.models import HomePage

from ..provisioning import installed_sections


@dataclass
class _Context:
    """What every batch reads once."""

    root: Page
    collection_root: Collection
    content_types: dict[type, int]
    page_type: int
    task_type: int
    permissions: dict[str, Permission]
    sections: list[tuple[type[Page], str, str]]
    log_uuid: uuid.UUID | None

    @classmethod
    def load(cls) -> "_Context":
        sections = installed_sections()
        models_ = [HomePage, *(model for model, _title, _slug in sections), GroupApprovalTask]
        types = ContentType.objects.get_for_models(*models_, Page, for_concrete_models=False)
        permissions = {
            f"{permission.content_type.app_label}.{permission.codename}": permission
            for permission in Permission.objects.select_related("content_type")
        }
        return cls(
            root=Page.get_first_root_node(),
            collection_root=Collection.get_first_root_node(),
            content_types={model: ct.pk for model, ct in types.items()},
            page_type=types[Page].pk,
            task_type=types[GroupApprovalTask].pk,
            permissions=permissions,
            sections=sections,
            log_uuid=get_active_log_context().uuid,
        )

    def permission(self, dotted: str) -> Permission:
        try:
            return self.permissions[dotted]
        except KeyError:
            raise Permission.DoesNotExist(dotted) from None


def _new_page(ctx: _Context, model: type[Page], **fields) -> Page:
    """A page as add_child leaves it (before save_revision)."""
    page = model(
        page_ptr_id=fields["id"],
        content_type_id=ctx.content_types[model],
        locale_id=ctx.root.locale_id,
        translation_key=uuid.uuid4(),
        draft_title=fields["title"],
        live=True,
        has_unpublished_changes=False,
        **fields,
    )
    # A new page has no inline children (comments…): known empty, not read for each page
    # by its revision's content and the reference index.
    for relation in get_all_child_relations(model):
        setattr(page, relation.get_accessor_name(), [])
    return page


def _publish_rows(
    ctx: _Context, page: Page, revision_id: int, now
) -> tuple[Revision, list[PageLogEntry]]:
    """The revision save_revision() takes (of the page as add_child left it) and the log
    entries of its creation and publishing; then the page as publish() leaves it."""
    revision = Revision(
        id=revision_id,
        content_type_id=page.content_type_id,
        base_content_type_id=ctx.page_type,
        object_id=str(page.pk),
        created_at=now,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision_id = page.live_revision_id = revision_id
    page.latest_revision_created_at = page.first_published_at = page.last_published_at = now
    label = page.get_admin_display_title()
    logs = [
        PageLogEntry(
            content_type_id=page.content_type_id,
            label=label,
            action=action,
            timestamp=now,
            data={},
            page_id=page.pk,
            uuid=ctx.log_uuid,
            content_changed=True,
            revision_id=revision_of_action,
        )
        for action, revision_of_action in (
            ("wagtail.create", None),
            ("wagtail.publish", revision_id),
        )
    ]
    return revision, logs
