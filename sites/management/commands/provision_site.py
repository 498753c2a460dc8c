from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sites.models import Agency
from sites.provisioning import ProvisioningError, provision_agency_site


class Command(BaseCommand):
    help = (
        "Tạo (hoặc hoàn thiện) trang thành phần của một cơ quan: Site, trang chủ, các chuyên mục, "
        "ba nhóm biên tập, thư viện ảnh/tài liệu và quy trình duyệt bài. Chạy lại an toàn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Tên cơ quan, ví dụ: Sở Xây dựng")
        parser.add_argument("--slug", required=True, help="Mã định danh, ví dụ: sxd")
        parser.add_argument("--hostname", required=True, help="Tên miền, ví dụ: sxd.bacninh.gov.vn")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument(
            "--kind",
            choices=[choice for choice, _label in Agency.Kind.choices],
            default="department",
        )
        parser.add_argument("--short-name", default="")
        parser.add_argument("--parent", help="Mã định danh của cơ quan cấp trên")
        parser.add_argument(
            "--default", action="store_true", help="Đặt làm trang mặc định (Cổng thông tin tỉnh)"
        )

    def handle(self, *args, **options):
        parent = None
        if options["parent"]:
            parent = Agency.objects.filter(slug=options["parent"]).first()
            if parent is None:
                raise CommandError(_("Không có cơ quan với mã '%s'.") % options["parent"])
        try:
            result = provision_agency_site(
                name=options["name"],
                slug=options["slug"],
                hostname=options["hostname"],
                port=options["port"],
                kind=options["kind"],
                short_name=options["short_name"],
                parent=parent,
                is_default=options["default"],
            )
        except ProvisioningError as exc:
            raise CommandError(str(exc)) from exc
        site = result.site
        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(_("Đã tạo/hoàn thiện: %s") % ", ".join(result.created))
            )
        else:
            self.stdout.write(_("Không có gì thay đổi: trang đã đầy đủ."))
        self.stdout.write(f"  {result.agency.name}: http://{site.hostname}:{site.port}/")
        for role, group in result.groups.items():
            self.stdout.write(f"  {role}: {group.name}")
