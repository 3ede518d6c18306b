"""``manage.py export_redirects_nginx FILE``: the old addresses as nginx
``map`` blocks, for archives so large that the web server should answer
them itself (docs/import.md). Addresses with a query string, or with a
character nginx cannot take in a quoted string, are left to Django's
middleware (counted in the output)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from redirects.middleware import retired_hosts
from redirects.models import OldAddress

HEADER = """# Địa chỉ cũ → địa chỉ mới. Tạo bởi manage.py export_redirects_nginx; đừng sửa tay.
# Trong server {{ }}:
#   include {name};
#   if ($newsroom_old_host_path) {{ return 301 $newsroom_old_host_path; }}
#   if ($newsroom_old_path) {{ return 301 $newsroom_old_path; }}
# Khóa viết thường, không có “/” cuối (mỗi địa chỉ có thêm một dòng có “/” cuối).
"""


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def usable(text):
    return not any(ch in text for ch in "$\n\r{};")


class Command(BaseCommand):
    help = _("Xuất các địa chỉ cũ thành khối map của nginx.")

    def add_arguments(self, parser):
        parser.add_argument("output", help=_("Tệp sẽ ghi, ví dụ /etc/nginx/newsroom-redirects.map"))

    def handle(self, *args, output, **options):
        written = left = 0
        retired = retired_hosts()
        site = settings.NEWSROOM_SITE_URL.rstrip("/")
        rows = OldAddress.objects.with_targets().order_by("host", "path")
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(HEADER.format(name=output))
            for variable, source, with_host in (
                ("$newsroom_old_path", "$uri", False),
                ("$newsroom_old_host_path", "$host$uri", True),
            ):
                handle.write(f'map {source} {variable} {{\n    default "";\n')
                subset = rows.exclude(host="") if with_host else rows.filter(host="")
                for row in subset.iterator(chunk_size=2000):
                    if row.article_id and not row.article.is_visible:
                        continue
                    target = row.target_url()
                    if row.host in retired and site:
                        target = site + target  # a retired site's host: to this site, not back to itself
                    if "?" in row.path or not usable(row.path + row.host + target):
                        left += 1
                        continue
                    hosts = [row.host, f"www.{row.host}"] if with_host else [""]
                    for host in hosts:
                        key = f"{host}{row.path}"
                        handle.write(f"    {quoted(key)} {quoted(target)};\n")
                        if row.path != "/":
                            handle.write(f"    {quoted(key + '/')} {quoted(target)};\n")
                    written += 1
                handle.write("}\n")
        self.stdout.write(
            _("Đã ghi %(written)s địa chỉ vào %(output)s; %(left)s địa chỉ (có “?” hoặc ký tự lạ) để Django xử lý.")
            % {"written": written, "output": output, "left": left}
        )
