"""A plan as lines of text, for the command and the admin screen."""

from django.utils.translation import gettext as _

from .plan import MergePlan


def describe(plan) -> list[str]:
    if not isinstance(plan, MergePlan):
        return plan.describe()
    target = plan.target + (_(" (cơ quan mới)") if plan.target_is_new else "")
    lines = [
        _("%(entry)s: hợp nhất %(sources)s vào %(target)s — %(url)s")
        % {
            "entry": plan.entry,
            "sources": ", ".join(plan.sources),
            "target": target,
            "url": plan.target_url,
        },
        _("  Trang chuyển: %(moves)s (cả cây: %(pages)s trang)")
        % {"moves": len(plan.moves), "pages": sum(m.pages for m in plan.moves)},
    ]
    for move in plan.moves:
        renamed = f" [slug → {move.new_slug}]" if move.new_slug != move.slug else ""
        lines.append(f"    #{move.page} {move.old_url} → {move.new_url}{renamed}")
    lines.append(_("  Chuyển hướng 301: %s") % len(plan.redirects))
    for redirect in plan.redirects:
        lines.append(f"    {redirect.hostname}{redirect.old_path} → {redirect.new_url}")
    media = sum(len(entry["ids"]) for entry in plan.media)
    lines.append(_("  Ảnh và tài liệu chuyển thư viện: %s") % media)
    for snippet in plan.snippets:
        action = _("gộp vào #%s") % snippet["to"] if snippet["action"] == "map" else _("chuyển")
        lines.append(f"    {snippet['model']} #{snippet['id']} {snippet['name']}: {action}")
    lines.append(_("  Người dùng: %s") % len(plan.people))
    for person in plan.people:
        action = person["to_role"] if person["action"] == "join" else _("thôi quyền (retire)")
        lines.append(f"    {person['username']} ({person['from_role']}): {action}")
    lines.append(_("  Trang cũ ngừng xuất bản: %s") % len(plan.unpublish))
    if plan.retire_hostnames:
        lines.append(_("  Tên miền thôi dùng: %s") % ", ".join(plan.retire_hostnames))
    for conflict in plan.conflicts:
        decision = (
            _("dùng thủ tục có sẵn, chuyển hướng sang đó")
            if conflict.resolution == "use_existing"
            else _("CHƯA QUYẾT ĐỊNH")
        )
        lines.append(
            _(
                "  Xung đột mã %(code)s: #%(page)s “%(title)s” (%(source)s) trùng #%(existing)s "
                "“%(existing_title)s” — %(decision)s"
            )
            % {
                "code": conflict.code,
                "page": conflict.page,
                "title": conflict.title,
                "source": conflict.source,
                "existing": conflict.existing_page,
                "existing_title": conflict.existing_title,
                "decision": decision,
            }
        )
    if plan.is_empty:
        lines.append(_("  Không có gì phải làm: kế hoạch đã được áp dụng."))
    return lines
