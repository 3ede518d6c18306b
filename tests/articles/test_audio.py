"""Article audio: MP3/M4A/OGG checked by content, stored under a random
name, shown as an HTML5 player above the sapo; the text-to-speech command."""

import os
import re
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

from .test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 400
MP3_NO_TAG = b"\xff\xfb\x90\x64" + b"\x00" * 400
M4A = b"\x00\x00\x00\x1cftypM4A \x00\x00\x02\x00M4A isommp42" + b"\x00" * 400
OGG = b"OggS\x00\x02" + b"\x00" * 400


@pytest.fixture
def desk(client, publication):
    client.force_login(UserFactory(username="thuky", is_staff=True, is_superuser=True))


@pytest.mark.parametrize(
    "data,ext", [(MP3, "mp3"), (MP3_NO_TAG, "mp3"), (M4A, "m4a"), (OGG, "ogg")], ids=["mp3", "mp3-raw", "m4a", "ogg"]
)
def test_audio_upload_is_stored_under_a_random_name_of_its_real_type(client, desk, data, ext):
    category = CategoryFactory()
    audio = SimpleUploadedFile("Phỏng vấn ông A.bin", data, content_type="application/octet-stream")
    response = client.post(ADD_URL, article_form(category, audio=audio))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert re.fullmatch(rf"audio/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{ext}", article.audio.name)


@pytest.mark.parametrize(
    "data,name",
    [
        (b"<html><script>alert(1)</script></html>", "bai.mp3"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "anh-gia.ogg"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "giong-doc.wav"),
    ],
    ids=["html-named-mp3", "jpeg-named-ogg", "wav"],
)
def test_audio_that_is_not_mp3_m4a_or_ogg_is_refused_with_a_message(client, desk, data, name):
    category = CategoryFactory()
    response = client.post(ADD_URL, article_form(category, audio=SimpleUploadedFile(name, data)))
    assert response.status_code == 200
    assert "Tệp này không phải âm thanh MP3, M4A hoặc OGG." in response.content.decode()
    assert not Article.objects.exists()


def test_audio_over_the_size_limit_is_refused(client, desk, settings):
    settings.NEWSROOM_AUDIO_MAX_BYTES = 100
    response = client.post(ADD_URL, article_form(CategoryFactory(), audio=SimpleUploadedFile("a.mp3", MP3)))
    assert response.status_code == 200
    assert "Tệp âm thanh quá lớn" in response.content.decode()


def test_audio_player_is_above_the_sapo(client, publication):
    article = ArticleFactory()
    article.audio.save("0123456789abcdef0123456789abcdef.mp3", ContentFile(MP3), save=True)
    html = client.get(article.get_absolute_url()).content.decode()
    player = html.index('<section class="article-audio"')
    assert player < html.index('<p class="sapo">')
    section = html[player : html.index("</section>", player)]
    assert "Nghe bài viết" in section and "aria-labelledby" in section
    assert f'<source src="{article.audio.url}" type="audio/mpeg">' in section
    assert "<audio controls" in section


def test_no_player_without_audio(client, publication):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "article-audio" not in html


def test_tts_command_says_clearly_when_espeak_ng_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    article = ArticleFactory()
    with pytest.raises(CommandError, match="Chưa cài espeak-ng.*apt-get install espeak-ng"):
        call_command("make_article_audio", article.pk)
    article.refresh_from_db()
    assert not article.audio


def fake_tool(folder, name, script):
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_tts_command_reads_the_article_and_stores_an_ogg(monkeypatch, tmp_path):
    """espeak-ng and ffmpeg are not on this machine: stand-ins record what
    they were asked and write their output, so the command's own work (the
    text it reads, the check and the storing) is tested."""
    fake_tool(tmp_path, "espeak-ng", f'cp "$6" {tmp_path}/read.txt; echo "$@" > {tmp_path}/args; printf RIFF > "$8"\n')
    fake_tool(tmp_path, "ffmpeg", 'for last; do :; done; printf "OggS\\000\\002xxxxxxxx" > "$last"\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    article = ArticleFactory(title="Mùa hoa ban", lead="Hoa ban nở trắng núi rừng.", body="<p>Đoạn <b>một</b>.</p>")
    call_command("make_article_audio", article.pk)
    article.refresh_from_db()
    assert re.fullmatch(r"audio/\d{4}/\d{2}/[0-9a-f]{32}\.ogg", article.audio.name)
    assert (tmp_path / "read.txt").read_text(
        encoding="utf-8"
    ) == "Mùa hoa ban\n\nHoa ban nở trắng núi rừng.\n\nĐoạn một."
    assert (tmp_path / "args").read_text().startswith("-v vi ")
