"""``manage.py import_archive wordpress FILE.xml``,
``import_archive nukeviet DUMP.sql|mysql://…``,
``import_archive crawl START_URL --rules RULES_FILE``: bring an old site's
archive in (docs/import.md). Idempotent and resumable; a progress bar on
stderr and a report at the end."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from imports import sources
from imports.models import Source


class Command(BaseCommand):
    help = _("Nhập kho bài của trang cũ (WordPress, NukeViet 4, hoặc đọc trang công khai).")

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="source", required=True)

        def common(sub):
            sub.add_argument(
                "--no-resume", action="store_true", help=_("Bắt đầu lại từ đầu, không đi tiếp lần bị ngắt.")
            )
            sub.add_argument("--batch-size", type=int, default=100, help=_("Số bài ghi trong một giao dịch."))
            sub.add_argument("--sapo-prefix", action="append", default=[], help=_("Tiền tố sapo cần bỏ, ví dụ “ĐBP”."))
            sub.add_argument(
                "--allow-host",
                action="append",
                default=[],
                help=_("Máy chủ được phép tải (ảnh, trang); lặp lại nếu nhiều."),
            )
            sub.add_argument("--skip-images", action="store_true", help=_("Không tải ảnh; giữ nguyên địa chỉ ảnh cũ."))
            sub.add_argument("--rate", type=float, default=4.0, help=_("Số yêu cầu HTTP tối đa mỗi giây."))
            sub.add_argument(
                "--no-robots", action="store_true", help=_("Không đọc robots.txt (chỉ với máy chủ của mình).")
            )
            return sub

        wordpress = common(subparsers.add_parser("wordpress", help=_("Tệp xuất WordPress (WXR).")))
        wordpress.add_argument("location", help=_("Tệp .xml"))
        nukeviet = common(subparsers.add_parser("nukeviet", help=_("Mô-đun tin tức NukeViet 4.")))
        nukeviet.add_argument("location", help=_("Tệp .sql (mysqldump) hoặc mysql://người-dùng:mật-khẩu@máy/tên-csdl"))
        nukeviet.add_argument("--prefix", default="nv4_vi_news", help=_("Tiền tố bảng, mặc định nv4_vi_news."))
        nukeviet.add_argument("--site-url", default="", help=_("Địa chỉ trang cũ, ví dụ https://baodienbien.vn."))
        nukeviet.add_argument(
            "--url-pattern",
            action="append",
            default=[],
            help=_("Dạng địa chỉ bài cũ, ví dụ “/tin-tuc/{cat}/{id}/{alias}” (mặc định vài dạng của NukeViet 4)."),
        )
        crawl = common(subparsers.add_parser("crawl", help=_("Đọc trang công khai theo tệp quy tắc.")))
        crawl.add_argument("location", help=_("Trang bắt đầu hoặc sitemap.xml"))
        crawl.add_argument("--rules", required=True, help=_("Tệp quy tắc .toml hoặc .json (xem imports/rules/)."))
        crawl.add_argument("--concurrency", type=int, default=4, help=_("Số trang tải cùng lúc."))
        crawl.add_argument("--max-pages", type=int, default=100000, help=_("Số trang tối đa được tải."))

    def handle(self, *args, **options):
        source = options["source"]
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size phải lớn hơn 0."))
        try:
            if source == Source.WORDPRESS:
                importer = sources.import_wordpress(options["location"], options, self.stderr)
            elif source == Source.NUKEVIET:
                importer = sources.import_nukeviet(options["location"], options, self.stderr)
            else:
                importer = sources.import_crawl(options["location"], options, self.stderr)
        except sources.SourceError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Xong lần nhập #%(id)s.") % {"id": importer.run.pk})
        self.stdout.write(importer.run.message)
