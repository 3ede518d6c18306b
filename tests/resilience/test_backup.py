"""manage.py backup and restore: a round trip into an empty database and an
empty media folder gives back every row and every file, on SQLite and on
PostgreSQL (whichever the suite runs on)."""

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
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from comments.models import Comment
from ops.backup import sha256
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
TABLES = ["articles_article", "articles_category", "comments_comment", "auth_user", "taggit_taggeditem"]


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
    env["MEDIA_ROOT"] = str(tmp_path / "media-khoi-phuc")
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp_path / "khoi-phuc.sqlite3")
        yield env, lambda sql: sqlite3.connect(env["SQLITE_PATH"]).execute(sql).fetchone()[0]
        return
    import psycopg

    params = connection.settings_dict
    name = f"newsroom_restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"], dbname="postgres")
    admin.autocommit = True
    admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{name}"

    def scalar(sql):
        with psycopg.connect(env["DATABASE_URL"]) as db:
            return db.execute(sql).fetchone()[0]

    yield env, scalar
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


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
    assert manifest["files"]["media/anh/2026/hoa-ban.jpg"] == sha256(media / "anh" / "2026" / "hoa-ban.jpg")

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


def test_restore_refuses_a_tampered_archive_before_touching_anything(tmp_path, media, newsroom_data, empty_target):
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    tampered = tmp_path / "hong.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.endswith("hoa-ban.jpg"):
                data = b"<?php system($_GET['c']); ?>" + data[30:]
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    env, scalar = empty_target
    result = manage(env, "restore", str(tampered))
    assert result.returncode != 0
    assert "bị hỏng hoặc thiếu" in result.stderr
    assert not Path(env["MEDIA_ROOT"]).exists() or not any(Path(env["MEDIA_ROOT"]).iterdir())


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, empty_target):
    bogus = tmp_path / "khong-phai.tar.gz"
    bogus.write_bytes(b"not a tar file")
    env, _ = empty_target
    result = manage(env, "restore", str(bogus))
    assert result.returncode != 0
    assert "không phải là bản sao lưu hợp lệ" in result.stderr
