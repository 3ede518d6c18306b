from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và thư mục ảnh vào một tệp .tar.gz (kèm bảng kê số dòng và mã kiểm tra)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Đường dẫn tệp sao lưu (mặc định: BACKUP_DIR/newsroom-<ngày giờ>.tar.gz).",
        )
        parser.add_argument(
            "--unsigned",
            action="store_true",
            help="Sao lưu không ký khi chưa có khóa (restore sẽ từ chối nếu không có --allow-unsigned).",
        )

    def handle(self, *args, **options):
        output = options["output"] or Path(settings.NEWSROOM_BACKUP_DIR) / (
            f"newsroom-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            manifest = create_backup(output, unsigned=options["unsigned"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã sao lưu vào %(path)s: %(rows)d dòng trong %(tables)d bảng, %(files)d tệp ảnh.")
                % {
                    "path": output,
                    "rows": sum(manifest["rows"].values()),
                    "tables": len(manifest["rows"]),
                    "files": len(manifest["files"]) - 1,
                }
            )
        )
