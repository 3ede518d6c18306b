"""Backups: one archive with the database and the media files.

``create_backup()`` writes a ``.tar.gz`` holding
- ``manifest.json``: when, which database engine, the row count of every
  table and the SHA-256 of every file in the archive;
- ``database.pgdump`` (``pg_dump --format=custom`` taken inside a
  repeatable-read snapshot, so the counts in the manifest are the counts in
  the dump) or ``database.sqlite3`` (SQLite's online backup API, safe while
  the site writes);
- ``media/…``: every file under MEDIA_ROOT.

``restore_backup()`` brings an archive back into an EMPTY database and media
folder (it refuses anything else, so it can never overwrite a live site),
then checks every file's checksum and every table's row count against the
manifest. The commands ``manage.py backup`` and ``manage.py restore`` wrap
these; the README says how to schedule them.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(connection):
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(vendor)s.") % {"vendor": vendor})
    return vendor


def _tables():
    """Every table our models own (including many-to-many tables)."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _count_rows(connection, cursor, tables):
    existing = set(connection.introspection.table_names(cursor))
    counts = {}
    for table in tables:
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our tables
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(settings_dict):
    env = dict(os.environ)
    for key, name in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    return env


def _run(command, env=None):
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(_("Không tìm thấy chương trình %(program)s trên máy.") % {"program": command[0]}) from error
    except subprocess.CalledProcessError as error:
        raise BackupError(
            _("%(program)s báo lỗi: %(error)s") % {"program": command[0], "error": error.stderr.strip()}
        ) from error


def _dump_postgresql(connection, target):
    """pg_dump inside our own repeatable-read snapshot; counts from the same snapshot."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        settings_dict = connection.settings_dict
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                settings_dict["NAME"],
            ],
            env=_pg_env(settings_dict),
        )
        return _count_rows(connection, cursor, _tables())


def _dump_sqlite(connection, target):
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        return _sqlite_counts(copy)
    finally:
        copy.close()
        source.close()


def _sqlite_counts(db):
    existing = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in _tables() if t in existing}  # noqa: S608


def _media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(output, using="default"):
    """Write the archive to ``output``; returns the manifest."""
    connection = connections[using]
    engine = _engine(connection)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        dump_name = PG_DUMP if engine == "postgresql" else SQLITE_DUMP
        dump_path = Path(tmp) / dump_name
        counts = (
            _dump_postgresql(connection, dump_path) if engine == "postgresql" else _dump_sqlite(connection, dump_path)
        )
        files = {dump_name: sha256(dump_path)}
        media = _media_files(media_root)
        for path in media:
            files[f"media/{path.relative_to(media_root).as_posix()}"] = sha256(path)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": dump_name,
            "rows": counts,
            "files": files,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump_path, arcname=dump_name)
            for path in media:
                archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
        partial.replace(output)  # a half-written archive never carries the final name
    return manifest


def read_manifest(archive_path):
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(_("Tệp %(path)s không phải là bản sao lưu hợp lệ.") % {"path": archive_path}) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Bản sao lưu có định dạng không hỗ trợ."))
    return manifest


@contextmanager
def _extracted(archive_path):
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(tmp, filter="data")  # refuses absolute paths, "..", links out of tmp
        yield Path(tmp)


def _check_files(folder, manifest):
    for name, digest in manifest["files"].items():
        path = folder / name
        if not path.is_file() or sha256(path) != digest:
            raise BackupError(_("Tệp %(name)s trong bản sao lưu bị hỏng hoặc thiếu.") % {"name": name})


def _require_empty(connection, media_root):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            _("Cơ sở dữ liệu đích đã có %(count)d bảng. Chỉ khôi phục vào một cơ sở dữ liệu trống.")
            % {"count": len(tables)}
        )
    media_root = Path(media_root)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(
            _("Thư mục ảnh %(path)s không trống. Chỉ khôi phục vào một thư mục trống.") % {"path": media_root}
        )


def restore_backup(archive_path, using="default"):
    """Restore into an empty database and media folder; returns the manifest."""
    manifest = read_manifest(archive_path)
    connection = connections[using]
    engine = _engine(connection)
    if manifest["engine"] != engine:
        raise BackupError(
            _("Bản sao lưu là của %(backup)s, còn cơ sở dữ liệu đích là %(target)s.")
            % {"backup": manifest["engine"], "target": engine}
        )
    media_root = Path(settings.MEDIA_ROOT)
    _require_empty(connection, media_root)
    with _extracted(archive_path) as folder:
        _check_files(folder, manifest)
        dump = folder / manifest["database"]
        if engine == "postgresql":
            settings_dict = connection.settings_dict
            connection.close()
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    f"--dbname={settings_dict['NAME']}",
                    str(dump),
                ],
                env=_pg_env(settings_dict),
            )
        else:
            connection.close()
            source, target = sqlite3.connect(dump), sqlite3.connect(connection.settings_dict["NAME"])
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        media_root.mkdir(parents=True, exist_ok=True)
        if (folder / "media").is_dir():
            shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
    _verify(connection, media_root, manifest)
    return manifest


def _verify(connection, media_root, manifest):
    with connection.cursor() as cursor:
        counts = _count_rows(connection, cursor, list(manifest["rows"]))
    if counts != manifest["rows"]:
        wrong = sorted(t for t in manifest["rows"] if counts.get(t) != manifest["rows"][t])
        raise BackupError(
            _("Số dòng sau khi khôi phục không khớp ở các bảng: %(tables)s") % {"tables": ", ".join(wrong)}
        )
    for name, digest in manifest["files"].items():
        if name.startswith("media/") and sha256(media_root / name.removeprefix("media/")) != digest:
            raise BackupError(_("Tệp %(name)s khôi phục không khớp mã kiểm tra.") % {"name": name})
