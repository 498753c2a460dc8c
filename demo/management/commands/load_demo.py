import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.loader import DEMO_AGENCIES, ROLE_SUFFIXES, load_demo


class Command(BaseCommand):
    help = "Nạp cổng tỉnh và các trang thành phần mẫu (chỉ dùng khi phát triển; chạy lại an toàn)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("DEMO_PORT", "8000")),
            help="Cổng phục vụ các trang mẫu (mặc định: DEMO_PORT hoặc 8000).",
        )

    def handle(self, *args, port: int, **options):
        if not settings.DEBUG:
            raise CommandError(
                _("Dữ liệu mẫu tạo tài khoản có mật khẩu đã biết; chỉ chạy khi DEBUG=True.")
            )
        password = os.environ.get("DEMO_PASSWORD", "demo")
        result = load_demo(port=port, password=password)
        base = f"http://{result.sites[0].hostname}:{port}"
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                _("Dữ liệu mẫu đã sẵn sàng (tạo mới %d trang).") % result.created_sites
            )
        )
        out.write(f"  Quản trị: {base}/admin/  (đăng nhập: {result.admin_username} / {password})")
        out.write(f"  API:      {base}/api/v2/pages/")
        roles = "/".join(ROLE_SUFFIXES.values())
        for spec, site in zip(DEMO_AGENCIES, result.sites, strict=True):
            out.write(
                f"  {spec.slug:<9} http://{site.hostname}:{port}/  {site.site_name}"
                f"  [{spec.slug}-{{{roles}}}]"
            )
        out.write(_("  Mật khẩu mọi tài khoản mẫu: %s") % password)
        content = result.content
        out.write(_("Tin mẫu (stttt): %s") % content.news)
        out.write(
            _("Tin của các cơ quan: %(created)d tin mới, %(kept)d tin đã có")
            % {"created": content.stories.created, "kept": content.stories.kept}
        )
        for slug, summary in content.procedures.items():
            out.write(_("Thủ tục (%(slug)s): %(summary)s") % {"slug": slug, "summary": summary})
        out.write(
            _("Văn bản pháp luật: %(docs)d; liên kết căn cứ pháp lý mới: %(links)d")
            % {"docs": content.legal_documents, "links": content.legal_links}
        )
        out.write(
            _("Tệp mới: toàn văn %(texts)d văn bản, mẫu tờ khai của %(forms)d thủ tục")
            % {"texts": content.files[0], "forms": content.files[1]}
        )
        out.write(
            _("Hỏi đáp mới: %(qa)d (hộp thư mẫu: pkinhbac-editor; lấy ý kiến dự thảo: stp)")
            % {"qa": content.questions_answered}
        )
