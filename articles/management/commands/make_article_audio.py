"""Make a Vietnamese text-to-speech audio of an article with espeak-ng.

espeak-ng writes WAV; ffmpeg turns it into OGG (Opus), one of the article
audio formats. Both are optional system packages: when one is missing the
command says so and how to install it, and changes nothing."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.html import strip_tags

from articles.media import check_audio
from articles.models import Article
from delivery import scopes


def article_text(article):
    parts = [article.title, article.lead, strip_tags(article.body or "")]
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


class Command(BaseCommand):
    help = "Tạo tệp đọc bài (giọng tiếng Việt của espeak-ng) cho một hoặc nhiều bài viết."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="+", type=int, help="Số (id) của bài viết.")
        parser.add_argument("--replace", action="store_true", help="Thay tệp âm thanh đã có.")

    def handle(self, *args, article_ids, replace, **options):
        espeak = shutil.which("espeak-ng")
        if espeak is None:
            raise CommandError(
                "Chưa cài espeak-ng nên không tạo được tệp đọc bài. "
                "Cài bằng: sudo apt-get install espeak-ng (Debian/Ubuntu), rồi chạy lại lệnh."
            )
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg is None:
            raise CommandError(
                "Chưa cài ffmpeg nên không chuyển được giọng đọc sang OGG. "
                "Cài bằng: sudo apt-get install ffmpeg, rồi chạy lại lệnh."
            )
        for pk in article_ids:
            try:
                article = Article.objects.get(pk=pk)
            except Article.DoesNotExist:
                raise CommandError(f"Không có bài viết số {pk}.") from None
            if article.audio and not replace:
                self.stdout.write(f"Bài {pk} đã có tệp âm thanh; dùng --replace để thay.")
                continue
            self.make(article, espeak, ffmpeg)
            self.stdout.write(self.style.SUCCESS(f"Đã tạo tệp đọc bài cho bài {pk}: {article.audio.name}"))

    def make(self, article, espeak, ffmpeg):
        with tempfile.TemporaryDirectory() as tmp:
            text_path, wav, ogg = Path(tmp, "bai.txt"), Path(tmp, "bai.wav"), Path(tmp, "bai.ogg")
            text_path.write_text(article_text(article), encoding="utf-8")
            try:
                subprocess.run(
                    [espeak, "-v", "vi", "-s", "150", "-f", str(text_path), "-w", str(wav)], check=True, timeout=600
                )
                subprocess.run(
                    [ffmpeg, "-loglevel", "error", "-y", "-i", str(wav), "-c:a", "libopus", "-b:a", "48k", str(ogg)],
                    check=True,
                    timeout=600,
                )
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
                raise CommandError(f"Không tạo được tệp đọc bài {article.pk}: {error}") from None
            with ogg.open("rb") as handle:
                upload = File(handle, name="bai.ogg")
                upload.size = ogg.stat().st_size
                check_audio(upload)  # the same content check as an upload
                article.audio.save(upload.name, upload, save=False)
            Article.objects.filter(pk=article.pk).update(audio=article.audio.name)
            scopes.bump(scopes.article(article.pk))  # .update() sends no signal: its page shows the player
