from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu TRỐNG và thư mục ảnh trống, "
        "rồi đối chiếu số dòng và mã kiểm tra với bảng kê."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do `manage.py backup` tạo ra.")
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help="Chấp nhận bản sao lưu không có chữ ký (chỉ khi chắc chắn về nguồn gốc của nó).",
        )

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(options["archive"], allow_unsigned=options["allow_unsigned"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        checked = (
            _("chữ ký, số dòng và mã kiểm tra đều khớp.")
            if manifest["signature_checked"]
            else _("số dòng và mã kiểm tra đều khớp (bản sao lưu không có chữ ký).")
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã khôi phục bản sao lưu lúc %(created)s: %(rows)d dòng, %(files)d tệp ảnh; %(checked)s")
                % {
                    "created": manifest["created_at"],
                    "rows": sum(manifest["rows"].values()),
                    "files": len(manifest["files"]) - 1,
                    "checked": checked,
                }
            )
        )
