"""NukeViet 4's news module: from a MySQL dump (``mysqldump`` or
phpMyAdmin's export, read as a stream) or a live MySQL/MariaDB server.

The dump is read statement by statement with a small tokenizer of our own
(strings with their escapes, comments, identifiers); only the module's
tables are kept: their ``CREATE TABLE`` gives the column names, each
``INSERT`` (one row or many, with or without a column list) its values.
Columns we do not know are left out, columns we want and that are missing
read as empty: a site whose NukeViet version added or dropped columns
imports the same. The rows go into a scratch SQLite file next to nothing
else (memory stays flat, the dump's tables are joined there), and the
articles are read back in id order: resumable by the run's cursor.

A live server (``mysql://user:password@host:3306/database``) needs PyMySQL
(not installed by default): its tables are read into the same scratch file.
"""

import os
import re
import sqlite3
import tempfile
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

from articles.models import Article

from .dates import from_timestamp
from .models import Source
from .records import ArticleRecord, CategoryRecord, ImageRef, Problem
from .sources import SourceError
from .writer import Importer

# The columns kept from each table (suffix after the prefix).
COLUMNS = {
    "cat": ("catid", "parentid", "title", "alias", "description"),
    "rows": (
        "id",
        "catid",
        "author",
        "sourceid",
        "addtime",
        "status",
        "publtime",
        "title",
        "alias",
        "hometext",
        "homeimgfile",
        "homeimgalt",
        "homeimgthumb",
        "allowed_comm",
        "hitstotal",
        "keywords",
    ),
    "detail": ("id", "bodyhtml", "sourcetext", "keywords"),
    "sources": ("sourceid", "title", "link"),
    "tags": ("tid", "alias", "keywords"),
    "tags_id": ("id", "tid", "keyword"),
}
INDEXES = {"rows": "id", "detail": "id", "sources": "sourceid", "tags": "tid", "tags_id": "id"}
STATUSES = {"1": Article.Status.PUBLISHED, "0": Article.Status.UNPUBLISHED, "2": Article.Status.IN_EDITING}
DEFAULT_URL_PATTERNS = ("/news/{cat}/{alias}-{id}.html", "/{cat}/{alias}-{id}.html")

_STATEMENT_TOKEN = re.compile(
    r"""'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|--[^\n]*(?:\n|\Z)|\#[^\n]*(?:\n|\Z)|/\*.*?\*/|;|[^'"`;\-#/]+|[-#/]""",
    re.DOTALL,
)
_VALUE_TOKEN = re.compile(
    r"""\s*(?:'((?:[^'\\]|\\.|'')*)'|(NULL)|(0x[0-9a-fA-F]*)|([-+]?[0-9.]+(?:[eE][-+]?\d+)?)|(\()|(\))|(,))""",
    re.DOTALL | re.IGNORECASE,
)
_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
_CREATE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?\s*\((.*)\)", re.I | re.S)
_INSERT = re.compile(
    r"^\s*(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO\s+`?(\w+)`?\s*(\((?:[^()]*)\))?\s*VALUES\s*", re.I | re.S
)


class DumpError(Exception):
    pass


def statements(handle, chunk_size=1 << 20):
    """Each SQL statement of a dump (comments dropped), read as a stream."""
    buffer, parts, eof, need_more = "", [], False, True
    while True:
        if not eof and (need_more or len(buffer) < chunk_size):
            more = handle.read(chunk_size)
            eof = not more
            buffer += more
        need_more = False
        position = 0
        while position < len(buffer):
            match = _STATEMENT_TOKEN.match(buffer, position)
            cut = match is None or (match.end() == len(buffer) and not eof)
            if not cut and not eof and match.group(0) in ("-", "#", "/"):
                cut = buffer.startswith(("--", "#", "/*"), position) or position + 1 == len(buffer)  # a comment's start
            if cut:
                need_more = True  # a token cut at the end of the chunk: read more first
                break
            piece = match.group(0)
            position = match.end()
            if piece == ";":
                text = "".join(parts).strip()
                parts = []
                if text:
                    yield text
            elif not piece.startswith(("--", "#", "/*")):
                parts.append(piece)
        buffer = buffer[position:]
        if eof:
            if buffer:
                raise DumpError(_("Tệp SQL bị cắt hoặc viết sai gần: %(text)s") % {"text": buffer[:80]})
            break
    text = "".join(parts).strip()
    if text:
        yield text


def _unescape(text):
    text = text.replace("''", "'")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text, flags=re.DOTALL)


def value_tuples(text):
    """The rows of ``VALUES (…), (…)`` as lists of str/None."""
    position, row, rows = 0, None, []
    while position < len(text):
        match = _VALUE_TOKEN.match(text, position)
        if match is None:
            if text[position:].strip() in ("", ";"):
                break
            raise DumpError(_("Không đọc được giá trị gần: %(text)s") % {"text": text[position : position + 60]})
        position = match.end()
        string, null, hexa, number, opening, closing, _comma = match.groups()
        if opening is not None:
            row = []
        elif closing is not None:
            rows.append(row)
            row = None
        elif row is not None:
            if string is not None:
                row.append(_unescape(string))
            elif null is not None:
                row.append(None)
            elif hexa is not None:
                row.append(bytes.fromhex(hexa[2:]).decode("utf-8", errors="replace"))
            elif number is not None:
                row.append(number)
    return rows


def create_columns(body):
    return [m.group(1) for m in re.finditer(r"^\s*`(\w+)`", body, re.M)]


class Staging:
    """The module's tables in a scratch SQLite file."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.folder = tempfile.TemporaryDirectory(prefix="newsroom-nukeviet-")
        self.db = sqlite3.connect(os.path.join(self.folder.name, "staging.sqlite3"))
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        for table, columns in COLUMNS.items():
            self.db.execute(f"CREATE TABLE {table} ({', '.join(f'{c} TEXT' for c in columns)})")
        self.columns = {}  # dump table → its columns, from CREATE TABLE
        self.problems = []

    def table_for(self, name):
        if name.startswith(self.prefix + "_"):
            suffix = name[len(self.prefix) + 1 :]
            if suffix in COLUMNS:
                return suffix
        return None

    def add_rows(self, table, columns, rows):
        wanted = COLUMNS[table]
        positions = [columns.index(c) if c in columns else None for c in wanted]
        good = []
        for row in rows:
            if len(row) != len(columns):
                self.problems.append(
                    Problem(
                        f"{self.prefix}_{table}",
                        _("Một dòng có %(n)s giá trị, bảng có %(m)s cột: bỏ qua.") % {"n": len(row), "m": len(columns)},
                    )
                )
                continue
            good.append([row[p] if p is not None else None for p in positions])
        placeholders = ", ".join("?" * len(wanted))
        self.db.executemany(f"INSERT INTO {table} VALUES ({placeholders})", good)  # noqa: S608 - our table names

    def load_dump(self, handle):
        for statement in statements(handle):
            create = _CREATE.match(statement)
            if create:
                if self.table_for(create.group(1)):
                    self.columns[create.group(1)] = create_columns(create.group(2))
                continue
            insert = _INSERT.match(statement)
            if not insert:
                continue
            name = insert.group(1)
            table = self.table_for(name)
            if table is None:
                continue
            if insert.group(2):
                columns = [c.strip(" `") for c in insert.group(2)[1:-1].split(",")]
            else:
                columns = self.columns.get(name)
            if not columns:
                raise DumpError(_("Bảng %(name)s không có CREATE TABLE trước INSERT.") % {"name": name})
            self.add_rows(table, columns, value_tuples(statement[insert.end() :]))
        self.finish_loading()

    def load_mysql(self, url):
        try:
            import pymysql  # noqa: PLC0415 - optional
            import pymysql.cursors  # noqa: PLC0415
        except ImportError:
            raise SourceError(_("Cần gói PyMySQL để đọc trực tiếp từ MySQL; hãy dùng tệp mysqldump.")) from None
        parts = urlsplit(url)
        try:
            connection = pymysql.connect(
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 3306,
                user=unquote(parts.username or ""),
                password=unquote(parts.password or ""),
                database=parts.path.lstrip("/"),
                charset="utf8mb4",
                cursorclass=pymysql.cursors.SSCursor,
            )
        except pymysql.MySQLError as error:
            raise SourceError(_("Không kết nối được MySQL: %(e)s") % {"e": error}) from None
        with connection:
            for table in COLUMNS:
                with connection.cursor() as cursor:
                    try:
                        cursor.execute(f"SELECT * FROM `{self.prefix}_{table}`")  # noqa: S608 - prefix is \w+
                    except pymysql.MySQLError as error:
                        raise SourceError(str(error)) from None
                    columns = [d[0] for d in cursor.description]
                    while batch := cursor.fetchmany(1000):
                        self.add_rows(table, columns, [[None if v is None else str(v) for v in r] for r in batch])
        self.finish_loading()

    def finish_loading(self):
        for table, column in INDEXES.items():
            self.db.execute(f"CREATE INDEX {table}_idx ON {table} ({column})")
        self.db.commit()

    def close(self):
        self.db.close()
        self.folder.cleanup()

    def categories(self, site_url):
        records = []
        for catid, parentid, title, alias, description in self.db.execute(
            "SELECT catid, parentid, title, alias, description FROM cat ORDER BY CAST(catid AS INTEGER)"
        ):
            urls = [f"{site_url}/{alias}/", f"{site_url}/news/{alias}/"] if site_url and alias else []
            records.append(
                CategoryRecord(
                    source_id=str(catid),
                    name=title or alias or str(catid),
                    parent_id=str(parentid) if parentid not in (None, "0") else "",
                    description=description or "",
                    old_urls=urls,
                )
            )
        return records

    def count(self):
        return self.db.execute("SELECT COUNT(*) FROM rows").fetchone()[0]

    def articles(self, site_url, patterns):
        aliases = dict(self.db.execute("SELECT catid, alias FROM cat"))
        query = """
            SELECT r.id, r.catid, r.author, r.addtime, r.status, r.publtime, r.title, r.alias, r.hometext,
                   r.homeimgfile, r.homeimgalt, r.homeimgthumb, r.allowed_comm, r.hitstotal,
                   coalesce(r.keywords, d.keywords), d.bodyhtml, d.id, s.title,
                   (SELECT group_concat(coalesce(ti.keyword, t.keywords, replace(t.alias, '-', ' ')), '|')
                      FROM tags_id ti LEFT JOIN tags t ON t.tid = ti.tid WHERE ti.id = r.id)
            FROM rows r LEFT JOIN detail d ON d.id = r.id LEFT JOIN sources s ON s.sourceid = r.sourceid
            ORDER BY CAST(r.id AS INTEGER)
        """
        for row in self.db.execute(query):
            yield self.record(row, aliases, site_url, patterns)

    def record(self, row, aliases, site_url, patterns):
        (id_, catid, author, addtime, status, publtime, title, alias, hometext, image, image_alt, image_kind) = row[:12]
        allowed_comm, hits, keywords, body, detail_id, source_title, tag_names = row[12:]
        label = _("Bài %(id)s “%(title)s”") % {"id": id_, "title": (title or "")[:80]}
        if detail_id is None:
            return Problem(label, _("Không có nội dung (thiếu dòng trong bảng detail)."))
        state = STATUSES.get(str(status), Article.Status.DRAFT)
        published_at = from_timestamp(publtime) or from_timestamp(addtime)
        if state == Article.Status.PUBLISHED and published_at is None:
            return Problem(label, _("Không đọc được ngày đăng (publtime = %(v)s).") % {"v": publtime})
        tags = [t for t in (tag_names or "").split("|") if t.strip()]
        tags += [k.strip() for k in (keywords or "").split(",") if k.strip() and k.strip() not in tags]
        featured = None
        if image:
            if image.startswith(("http://", "https://")):
                featured = ImageRef(image, caption=image_alt or "")
            elif site_url:
                featured = ImageRef(f"{site_url}/uploads/news/{image.lstrip('/')}", caption=image_alt or "")
        byline = author or (f"Theo {source_title}" if source_title else "")
        cat_alias = aliases.get(catid, "")
        old_urls = []
        if site_url:
            for pattern in patterns:
                path = pattern.format(cat=cat_alias, catid=catid, id=id_, alias=alias or "")
                old_urls.append(site_url + path)
        return ArticleRecord(
            source_id=str(id_),
            title=title or "",
            body=body or "",
            lead=hometext or "",
            category_id=str(catid),
            tags=tags[:30],
            byline=byline,
            status=state,
            published_at=published_at,
            featured_image=featured,
            views=int(hits) if hits and str(hits).isdigit() else None,
            allow_comments=str(allowed_comm) not in ("0", "", "None"),
            old_urls=old_urls,
            base_url=site_url + "/" if site_url else "",
        )


def safe_location(location):
    """The address without its password, as the run stores it."""
    parts = urlsplit(location)
    if parts.scheme.startswith("mysql") and parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return os.path.abspath(location)


def run(location, options, stderr, make_fetcher, run_import):
    prefix = options.get("prefix") or "nv4_vi_news"
    if not re.fullmatch(r"\w+", prefix):
        raise SourceError(_("Tiền tố bảng chỉ gồm chữ, số và “_”."))
    site_url = (options.get("site_url") or "").rstrip("/")
    patterns = options.get("url_pattern") or DEFAULT_URL_PATTERNS
    staging = Staging(prefix)
    try:
        if location.startswith("mysql://"):
            staging.load_mysql(location)
        else:
            try:
                with open(location, encoding="utf-8", errors="replace", newline="") as handle:
                    staging.load_dump(handle)
            except OSError:
                raise SourceError(_("Không đọc được tệp “%(path)s”.") % {"path": location}) from None
            except DumpError as error:
                raise SourceError(str(error)) from None
        host = urlsplit(site_url).hostname or ""
        importer = Importer(
            Source.NUKEVIET,
            f"nukeviet:{host or prefix}",
            safe_location(location),
            fetcher=make_fetcher(options, [host]) if host else None,
            stderr=stderr,
            batch_size=options.get("batch_size", 100),
            sapo_prefixes=options.get("sapo_prefix", []),
        )
        if host:
            importer.old_hosts.add(host.removeprefix("www."))

        def body(importer):
            for problem in staging.problems:
                importer.problem(problem)
            importer.import_categories(staging.categories(site_url))
            importer.import_articles(staging.articles(site_url, patterns), total=staging.count(), label=_("Bài"))

        run_import(importer, options, body)
        return importer
    finally:
        staging.close()
