import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sites.reorganisation.apply import ConflictError, apply_plan
from sites.reorganisation.plan import build_plan
from sites.reorganisation.report import describe
from sites.reorganisation.spec import PlanError, parse_plan


class Command(BaseCommand):
    help = (
        "Sắp xếp cơ quan theo một tệp kế hoạch (JSON): không có --apply chỉ in kế hoạch "
        "(chạy thử); với --apply áp dụng tất cả trong một giao dịch. Xem docs/reorganisation.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="Tệp kế hoạch JSON")
        parser.add_argument("--apply", action="store_true", help="Áp dụng kế hoạch")
        parser.add_argument("--user", help="Tên đăng nhập ghi vào nhật ký (mặc định: không)")
        parser.add_argument("--json", action="store_true", help="In kế hoạch dạng JSON")

    def handle(self, *args, **options):
        path = Path(options["plan"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            message = _("Không đọc được %(path)s: %(error)s") % {"path": path, "error": exc}
            raise CommandError(message) from None
        except json.JSONDecodeError as exc:
            raise CommandError(
                _("%(path)s, dòng %(line)s cột %(col)s: JSON không hợp lệ (%(msg)s).")
                % {"path": path, "line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ) from None
        try:
            spec = parse_plan(data)
        except PlanError as exc:
            lines = [f"{entry}, {field or '-'}: {reason}" for entry, field, reason in exc.errors]
            raise CommandError("\n".join([_("Kế hoạch không hợp lệ:"), *lines])) from None
        user = self._user(options["user"])
        if not options["apply"]:
            self._print(build_plan(spec), options["json"])
            self.stdout.write(_("Chạy thử: chưa thay đổi gì. Thêm --apply để áp dụng."))
            return
        try:
            result = apply_plan(spec, user=user)
        except ConflictError as exc:
            self._print(exc.plans, options["json"])
            raise CommandError(str(exc)) from None
        if result.already_applied and result.reorganisation is None:
            self.stdout.write(_("Không có gì phải làm: các thao tác đã được thực hiện."))
            return
        if result.already_applied:
            self.stdout.write(
                _("Kế hoạch này đã được áp dụng lúc %s; không thay đổi gì.")
                % result.reorganisation.applied_at.isoformat(timespec="seconds")
            )
            return
        self._print(result.plans, options["json"])
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã áp dụng “%(name)s” (bản ghi #%(pk)s).")
                % {"name": spec.name, "pk": result.reorganisation.pk}
            )
        )

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_superuser=True).first()
        if user is None:
            raise CommandError(_("--user: không có quản trị viên “%s”.") % username)
        return user

    def _print(self, plans, as_json: bool) -> None:
        if as_json:
            data = [plan.as_dict() for plan in plans]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for plan in plans:
            self.stdout.write("\n".join(describe(plan)))
