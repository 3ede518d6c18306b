"""manage.py backup and restore: a round trip into an empty database and an
empty media folder gives back every row and every file, on SQLite and on
PostgreSQL (whichever the suite runs on); a tampered, cut, unsigned or
hostile archive is refused in Vietnamese before anything is written, and a
restore that fails on the way leaves the target empty."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from comments.models import Comment
from ops.backup import sha256, sign
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
TABLES = ["articles_article", "articles_category", "comments_comment", "auth_user", "taggit_taggeditem"]
KEY = "khoa-sao-luu-cua-toa-soan-" + "x" * 20


@pytest.fixture(autouse=True)
def backup_key(settings):
    settings.NEWSROOM_BACKUP_KEY = KEY
    settings.NEWSROOM_BACKUP_KEY_FILE = ""


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media-goc"
    (settings.MEDIA_ROOT / "anh" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "anh" / "2026" / "hoa-ban.jpg").write_bytes(os.urandom(5000))
    (settings.MEDIA_ROOT / "am-thanh-điện-biên.mp3").write_bytes(os.urandom(3000))
    return settings.MEDIA_ROOT


@pytest.fixture
def newsroom_data(publication):
    for article in ArticleFactory.create_batch(4, tags=["Điện Biên", "du lịch"]):
        CommentFactory.create_batch(2, article=article)
    return {"articles": Article.objects.count(), "comments": Comment.objects.count()}


@pytest.fixture
def empty_target(tmp_path):
    """Environment for a second process whose database and media folder are empty."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev", "LOG_FORMAT": "text"}
    env["NEWSROOM_BACKUP_KEY"] = KEY
    env["MEDIA_ROOT"] = str(tmp_path / "media-khoi-phuc")
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp_path / "khoi-phuc.sqlite3")
        yield env, lambda sql: sqlite3.connect(env["SQLITE_PATH"]).execute(sql).fetchone()[0]
        return
    # PostgreSQL: the same questions about the restored database's tables.
    import psycopg

    params = connection.settings_dict
    name = f"newsroom_restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"], dbname="postgres")
    admin.autocommit = True
    admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{name}"

    def scalar(sql):
        sql = sql.replace(
            SQLITE_TABLE_COUNT, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        with psycopg.connect(env["DATABASE_URL"]) as db:
            return db.execute(sql).fetchone()[0]

    yield env, scalar
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


SQLITE_TABLE_COUNT = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"


def manage(env, *args):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


def test_round_trip_brings_back_every_row_and_file(tmp_path, media, newsroom_data, empty_target):
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["rows"]["articles_article"] == newsroom_data["articles"] == 4
    assert manifest["rows"]["comments_comment"] == newsroom_data["comments"] == 8
    assert manifest["files"]["media/anh/2026/hoa-ban.jpg"] == {
        "size": 5000,
        "sha256": sha256(media / "anh" / "2026" / "hoa-ban.jpg"),
    }

    env, scalar = empty_target
    result = manage(env, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    assert "đều khớp" in result.stdout

    for table in TABLES:
        assert scalar(f"SELECT COUNT(*) FROM {table}") == count(table), table  # noqa: S608
    restored = Path(env["MEDIA_ROOT"])
    for path in media.rglob("*"):
        if path.is_file():
            assert sha256(restored / path.relative_to(media)) == sha256(path)


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, media, newsroom_data, empty_target):
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    env, scalar = empty_target
    assert manage(env, "restore", str(archive)).returncode == 0
    before = scalar("SELECT COUNT(*) FROM articles_article")

    again = manage(env, "restore", str(archive))
    assert again.returncode != 0
    assert "Chỉ khôi phục vào một cơ sở dữ liệu trống" in again.stderr
    assert scalar("SELECT COUNT(*) FROM articles_article") == before


def rebuild(archive, target, key=KEY, manifest=None, content=None, extra=(), members=None):
    """A copy of ``archive`` with its manifest changed by ``manifest(dict)``,
    member contents by ``content(name, bytes)``, ``extra`` (TarInfo, bytes)
    members added, and the manifest signed again with ``key`` (None: no
    signature at all)."""
    with tarfile.open(archive) as source:
        items = [(m, source.extractfile(m).read()) for m in source.getmembers()]
    data = json.loads(items[0][1])
    if manifest:
        manifest(data)
    manifest_bytes = json.dumps(data).encode()
    with tarfile.open(target, "w:gz") as out:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest_bytes)
        out.addfile(info, io.BytesIO(manifest_bytes))
        if key is not None:
            signature = sign(manifest_bytes, key.encode()).encode()
            info = tarfile.TarInfo("manifest.sig")
            info.size = len(signature)
            out.addfile(info, io.BytesIO(signature))
        for member, body in items[2:] if members is None else members(items[2:]):
            body = content(member.name, body) if content else body
            member.size = len(body)
            out.addfile(member, io.BytesIO(body))
        for member, body in extra:
            out.addfile(member, io.BytesIO(body) if body is not None else None)
    return target


@pytest.fixture
def archive(tmp_path, media, newsroom_data):
    path = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(path), stdout=io.StringIO())
    return path


def assert_nothing_written(target):
    env, scalar = target
    assert scalar(SQLITE_TABLE_COUNT) == 0
    restored = Path(env["MEDIA_ROOT"])
    assert not restored.exists() or not any(restored.iterdir())


def refused(target, archive, message, *flags):
    env, _ = target
    result = manage(env, "restore", str(archive), *flags)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert_nothing_written(target)


def test_a_changed_file_hashed_again_in_the_manifest_is_refused(tmp_path, archive, media, empty_target):
    """The forger changes a photo and writes its new checksum into the manifest,
    but cannot sign the manifest without the newsroom's key."""
    photo = "media/anh/2026/hoa-ban.jpg"
    evil = b"<?php system($_GET['c']); ?>" + (media / "anh/2026/hoa-ban.jpg").read_bytes()[30:]
    forged = rebuild(
        archive,
        tmp_path / "gia.tar.gz",
        key="khoa-cua-ke-gia-mao-" + "y" * 20,
        manifest=lambda m: m["files"][photo].update(sha256=hashlib.sha256(evil).hexdigest()),
        content=lambda name, body: evil if name == photo else body,
    )
    refused(empty_target, forged, "Chữ ký của bản sao lưu không khớp")


def test_a_changed_file_is_refused_before_touching_anything(tmp_path, archive, empty_target):
    photo = "media/anh/2026/hoa-ban.jpg"
    tampered = rebuild(archive, tmp_path / "hong.tar.gz", content=lambda n, b: b"<?php ?>" + b[8:] if n == photo else b)
    refused(empty_target, tampered, "bị hỏng hoặc thiếu")


def test_a_file_missing_from_the_archive_is_refused(tmp_path, archive, empty_target):
    photo = "media/anh/2026/hoa-ban.jpg"
    missing = rebuild(
        archive, tmp_path / "thieu.tar.gz", members=lambda items: [i for i in items if i[0].name != photo]
    )
    refused(empty_target, missing, "bị hỏng hoặc thiếu")


def test_a_file_not_in_the_manifest_is_refused(tmp_path, archive, empty_target):
    shell = tarfile.TarInfo("media/anh/2026/shell.php")
    shell.size = 20
    added = rebuild(archive, tmp_path / "them.tar.gz", extra=[(shell, b"<?php system('id');?>"[:20])])
    refused(empty_target, added, "có tệp không có trong bảng kê")


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("../../etc/cron.d/newsroom", tarfile.REGTYPE, "đường dẫn không an toàn"),
        ("/etc/cron.d/newsroom", tarfile.REGTYPE, "đường dẫn không an toàn"),
        ("media/lien-ket", tarfile.SYMTYPE, "không phải là tệp thường"),
    ],
)
def test_a_member_that_would_write_outside_or_link_is_refused(tmp_path, archive, empty_target, name, kind, message):
    member = tarfile.TarInfo(name)
    member.type = kind
    member.linkname = "/etc/passwd" if kind != tarfile.REGTYPE else ""
    body = b"* * * * * root id" if kind == tarfile.REGTYPE else None
    member.size = len(body) if body else 0
    hostile = rebuild(archive, tmp_path / "doc.tar.gz", extra=[(member, body)])
    refused(empty_target, hostile, message)


def test_a_truncated_archive_is_refused_in_vietnamese(tmp_path, archive, empty_target):
    cut = tmp_path / "cut.tar.gz"
    data = archive.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    refused(empty_target, cut, "bị cắt cụt hoặc hỏng")


def test_an_archive_signed_with_another_key_is_refused(tmp_path, archive, empty_target):
    other = rebuild(archive, tmp_path / "khac.tar.gz", key="mot-khoa-khac-cua-toa-soan-khac-" + "z" * 10)
    refused(empty_target, other, "Chữ ký của bản sao lưu không khớp")


def test_backup_refuses_to_run_without_a_key(tmp_path, settings, media, newsroom_data):
    settings.NEWSROOM_BACKUP_KEY = ""
    output = tmp_path / "khong-khoa.tar.gz"
    with pytest.raises(CommandError, match="Chưa có khóa ký bản sao lưu"):
        call_command("backup", output=str(output), stdout=io.StringIO())
    assert not output.exists()


def test_an_unsigned_archive_restores_only_when_told(tmp_path, settings, media, newsroom_data, empty_target):
    settings.NEWSROOM_BACKUP_KEY = ""
    output = tmp_path / "khong-ky.tar.gz"
    call_command("backup", output=str(output), unsigned=True, stdout=io.StringIO())
    refused(empty_target, output, "không có chữ ký")
    env, scalar = empty_target
    result = manage(env, "restore", str(output), "--allow-unsigned")
    assert result.returncode == 0, result.stderr
    assert "bản sao lưu không có chữ ký" in result.stdout
    assert scalar("SELECT COUNT(*) FROM articles_article") == newsroom_data["articles"]


def test_a_restore_that_fails_on_the_way_leaves_nothing_behind(tmp_path, archive, empty_target):
    """The archive is genuine and signed, but its row counts do not match its
    dump (as if pg_restore had lost rows): the restore writes, finds the
    mismatch, and removes every table and file it wrote."""

    def wrong_counts(manifest):
        manifest["rows"]["articles_article"] += 1

    wrong = rebuild(archive, tmp_path / "lech.tar.gz", manifest=wrong_counts)
    refused(empty_target, wrong, "Số dòng sau khi khôi phục không khớp")


def test_a_dump_the_database_refuses_leaves_nothing_behind(tmp_path, archive, empty_target):
    garbage = os.urandom(4000)

    def broken_dump(manifest):
        manifest["files"][manifest["database"]] = {
            "size": len(garbage),
            "sha256": hashlib.sha256(garbage).hexdigest(),
        }

    broken = rebuild(
        archive,
        tmp_path / "hong-csdl.tar.gz",
        manifest=broken_dump,
        content=lambda name, body: garbage if name.startswith("database.") else body,
    )
    env, _ = empty_target
    result = manage(env, "restore", str(broken))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert_nothing_written(empty_target)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, empty_target):
    bogus = tmp_path / "khong-phai.tar.gz"
    bogus.write_bytes(b"not a tar file")
    env, _ = empty_target
    result = manage(env, "restore", str(bogus))
    assert result.returncode != 0
    assert "không phải là bản sao lưu hợp lệ" in result.stderr
