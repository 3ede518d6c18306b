"""Backups: one archive with the database and the media files.

``create_backup()`` writes a ``.tar.gz`` holding
- ``manifest.json``: when, which database engine, the row count of every
  table and the size and SHA-256 of every other member of the archive;
- ``manifest.sig``: the HMAC-SHA256 of ``manifest.json`` with the backup key
  the operator keeps (``NEWSROOM_BACKUP_KEY`` or ``NEWSROOM_BACKUP_KEY_FILE``,
  never in the archive), so an archive whose files were changed and
  re-hashed in its manifest is refused;
- ``database.pgdump`` (``pg_dump --format=custom`` taken inside a
  repeatable-read snapshot, so the counts in the manifest are the counts in
  the dump) or ``database.sqlite3`` (SQLite's online backup API, safe while
  the site writes);
- ``media/…``: every file under MEDIA_ROOT.

``restore_backup()`` first reads the whole archive into a scratch folder
and checks everything: the signature, that every member is listed in the
manifest exactly once and every listed file is there, that no member is a
link, a device, an absolute path or goes up with ``..``, each size and
checksum, and that the archive is not cut short. Only then does it write,
into an EMPTY database and media folder (it refuses anything else, so it can
never overwrite a live site): the database in one transaction, then the
media; it checks every table's row count and every file's checksum, and if
anything fails on the way it removes what it wrote. The commands
``manage.py backup`` and ``manage.py restore`` wrap these; docs/operations.md
says how to schedule them and where the key comes from.
"""

import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MIN_KEY_LENGTH = 32
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def backup_key():
    """The operator's backup key: NEWSROOM_BACKUP_KEY, or the first line of
    the file NEWSROOM_BACKUP_KEY_FILE names; None when neither is set."""
    key = settings.NEWSROOM_BACKUP_KEY
    if not key and settings.NEWSROOM_BACKUP_KEY_FILE:
        try:
            key = Path(settings.NEWSROOM_BACKUP_KEY_FILE).read_text().strip()
        except OSError as error:
            raise BackupError(
                _("Không đọc được tệp khóa sao lưu %(path)s: %(error)s")
                % {"path": settings.NEWSROOM_BACKUP_KEY_FILE, "error": error.strerror}
            ) from error
    if not key:
        return None
    if len(key) < MIN_KEY_LENGTH:
        raise BackupError(_("Khóa sao lưu quá ngắn: cần ít nhất %(count)d ký tự.") % {"count": MIN_KEY_LENGTH})
    return key.encode()


def sign(manifest_bytes, key):
    return hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()


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


def create_backup(output, using="default", unsigned=False):
    """Write the archive to ``output``; returns the manifest. Without a
    backup key it refuses, unless told to write an unsigned archive (which
    ``restore`` then refuses unless told too)."""
    key = backup_key()
    if key is None and not unsigned:
        raise BackupError(
            _(
                "Chưa có khóa ký bản sao lưu. Đặt NEWSROOM_BACKUP_KEY (hoặc NEWSROOM_BACKUP_KEY_FILE) "
                "và giữ khóa ở nơi khác bản sao lưu (docs/operations.md)."
            )
        )
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
        files = {dump_name: _describe(dump_path)}
        media = _media_files(media_root)
        for path in media:
            files[f"media/{path.relative_to(media_root).as_posix()}"] = _describe(path)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": dump_name,
            "rows": counts,
            "files": files,
            "signed": key is not None,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            _add_bytes(archive, MANIFEST, data)
            if key is not None:
                _add_bytes(archive, SIGNATURE, sign(data, key).encode())
            archive.add(dump_path, arcname=dump_name)
            for path in media:
                archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
        partial.replace(output)  # a half-written archive never carries the final name
    return manifest


def _describe(path):
    return {"size": Path(path).stat().st_size, "sha256": sha256(path)}


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _not_a_backup(archive_path):
    return BackupError(_("Tệp %(path)s không phải là bản sao lưu hợp lệ.") % {"path": archive_path})


def _safe_name(name):
    """A member name we would write: relative, no "..", no backslash or NUL,
    and (for media) under media/."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and "\x00" not in name
        and path.as_posix() == name
    )


def _read_member(archive, member, target):
    """Copy one member to ``target`` while hashing it; returns (size, sha256)."""
    source = archive.extractfile(member)
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return size, digest.hexdigest()


def _parse_manifest(data, signature, allow_unsigned, archive_path):
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise _not_a_backup(archive_path) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("Bản sao lưu có định dạng không hỗ trợ."))
    if signature is None:
        if not allow_unsigned:
            raise BackupError(
                _(
                    "Bản sao lưu không có chữ ký nên không thể biết nó có bị sửa hay không. "
                    "Chỉ khôi phục nếu chắc chắn về nguồn gốc của nó, với --allow-unsigned."
                )
            )
        return manifest
    key = backup_key()
    if key is None:
        raise BackupError(
            _(
                "Bản sao lưu có chữ ký: cần khóa sao lưu (NEWSROOM_BACKUP_KEY hoặc NEWSROOM_BACKUP_KEY_FILE) "
                "để kiểm tra."
            )
        )
    if not hmac.compare_digest(sign(data, key).encode(), signature.strip()):
        raise BackupError(
            _("Chữ ký của bản sao lưu không khớp: tệp đã bị sửa, hoặc được ký bằng một khóa khác. Không khôi phục.")
        )
    return manifest


def _check_listing(manifest, seen):
    files = manifest.get("files")
    if not isinstance(files, dict) or not isinstance(manifest.get("rows"), dict):
        raise BackupError(_("Bảng kê của bản sao lưu không đúng định dạng."))
    if manifest.get("database") not in files:
        raise BackupError(_("Bảng kê không có tệp cơ sở dữ liệu."))
    for name, description in files.items():
        if not _safe_name(name) or not isinstance(description, dict):
            raise BackupError(_("Bảng kê có tên tệp không hợp lệ: %(name)s") % {"name": name})
        got = seen.get(name)
        if got is None:
            raise BackupError(_("Tệp %(name)s trong bản sao lưu bị hỏng hoặc thiếu.") % {"name": name})
        if got != (description.get("size"), description.get("sha256")):
            raise BackupError(_("Tệp %(name)s trong bản sao lưu bị hỏng hoặc thiếu.") % {"name": name})


def read_archive(archive_path, folder, allow_unsigned=False):
    """Read the whole archive into ``folder`` (a scratch folder, not the
    site) and check it; returns the manifest. Raises BackupError, in
    Vietnamese, on anything wrong; nothing outside ``folder`` is written."""
    folder = Path(folder)
    manifest_data = signature = None
    seen = {}
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115 - closed below
    except (OSError, EOFError, tarfile.TarError, zlib.error) as error:
        raise _not_a_backup(archive_path) from error
    try:
        for index, member in enumerate(archive):
            name = member.name
            if index == 0 and name != MANIFEST:
                raise _not_a_backup(archive_path)
            if not member.isfile():
                raise BackupError(
                    _("Bản sao lưu có mục %(name)s không phải là tệp thường (liên kết, thư mục…).") % {"name": name}
                )
            if not _safe_name(name):
                raise BackupError(_("Bản sao lưu có đường dẫn không an toàn: %(name)s") % {"name": name})
            if name in seen or (index > 0 and name == MANIFEST) or (name == SIGNATURE and index != 1):
                raise BackupError(_("Bản sao lưu có mục %(name)s lặp lại hoặc sai chỗ.") % {"name": name})
            if name == MANIFEST:
                manifest_data = archive.extractfile(member).read()
                seen[name] = None
            elif name == SIGNATURE:
                signature = archive.extractfile(member).read()
                seen[name] = None
            else:
                seen[name] = _read_member(archive, member, folder / name)
    except BackupError:
        raise
    except (OSError, EOFError, tarfile.TarError, zlib.error) as error:
        raise BackupError(
            _("Bản sao lưu %(path)s bị cắt cụt hoặc hỏng, không đọc hết được.") % {"path": archive_path}
        ) from error
    finally:
        archive.close()
    if manifest_data is None:
        raise _not_a_backup(archive_path)
    manifest = _parse_manifest(manifest_data, signature, allow_unsigned, archive_path)
    listed = set(manifest.get("files") or {})
    unlisted = sorted(name for name in seen if name not in listed and name not in (MANIFEST, SIGNATURE))
    if unlisted:
        raise BackupError(
            _("Bản sao lưu có tệp không có trong bảng kê: %(names)s. Không khôi phục.")
            % {"names": ", ".join(unlisted[:5])}
        )
    _check_listing(manifest, seen)
    manifest["signature_checked"] = signature is not None
    return manifest


def read_manifest(archive_path, allow_unsigned=False):
    """The checked manifest of an archive (reads and checks all of it)."""
    with tempfile.TemporaryDirectory() as tmp:
        return read_archive(archive_path, tmp, allow_unsigned=allow_unsigned)


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


def restore_backup(archive_path, using="default", allow_unsigned=False):
    """Restore into an empty database and media folder; returns the manifest.
    Everything is checked before anything is written, and a restore that
    fails on the way leaves the database and media folder empty again."""
    connection = connections[using]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT)
    _require_empty(connection, media_root)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        manifest = read_archive(archive_path, folder, allow_unsigned=allow_unsigned)
        if manifest["engine"] != engine:
            raise BackupError(
                _("Bản sao lưu là của %(backup)s, còn cơ sở dữ liệu đích là %(target)s.")
                % {"backup": manifest["engine"], "target": engine}
            )
        dump = folder / manifest["database"]
        try:
            if engine == "postgresql":
                _restore_postgresql(connection, dump)
            else:
                _restore_sqlite(connection, dump)
            media_root.mkdir(parents=True, exist_ok=True)
            if (folder / "media").is_dir():
                shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
            _verify(connection, media_root, manifest)
        except BaseException:
            _empty_again(connection, media_root)
            raise
    return manifest


def _restore_postgresql(connection, dump):
    settings_dict = connection.settings_dict
    connection.close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",  # all or nothing
            f"--dbname={settings_dict['NAME']}",
            str(dump),
        ],
        env=_pg_env(settings_dict),
    )


def _restore_sqlite(connection, dump):
    """Copied next to the target file, then moved over it in one rename."""
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    staging = target.with_name(target.name + ".restoring")
    source, copy = sqlite3.connect(dump), sqlite3.connect(staging)
    try:
        source.backup(copy)
    except sqlite3.Error as error:
        copy.close()
        staging.unlink(missing_ok=True)
        raise BackupError(_("SQLite không đọc được bản sao cơ sở dữ liệu: %(error)s") % {"error": error}) from error
    finally:
        copy.close()
        source.close()
    for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        leftover.unlink(missing_ok=True)  # the empty target's journal must not be replayed on the copy
    staging.replace(target)


def _empty_again(connection, media_root):
    """Undo a restore that failed: the target was empty before it began."""
    connection.close()
    if connection.vendor == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        for path in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            path.unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
        connection.close()
    if media_root.is_dir():
        for child in media_root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()


def _verify(connection, media_root, manifest):
    with connection.cursor() as cursor:
        counts = _count_rows(connection, cursor, list(manifest["rows"]))
    if counts != manifest["rows"]:
        wrong = sorted(t for t in manifest["rows"] if counts.get(t) != manifest["rows"][t])
        raise BackupError(
            _("Số dòng sau khi khôi phục không khớp ở các bảng: %(tables)s") % {"tables": ", ".join(wrong)}
        )
    for name, description in manifest["files"].items():
        if name.startswith("media/") and sha256(media_root / name.removeprefix("media/")) != description["sha256"]:
            raise BackupError(_("Tệp %(name)s khôi phục không khớp mã kiểm tra.") % {"name": name})
