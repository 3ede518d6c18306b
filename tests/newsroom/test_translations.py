"""Editors, moderators and readers meet no English from Django itself.

Django's own Vietnamese catalogs are incomplete; locale/vi/LC_MESSAGES/ fills
the gaps. These tests check what a person sees, and walk Django's English
catalogs so that an upgrade that adds strings fails here, loudly, instead of
showing English in the admin.
"""

import ast
import json
import re
from pathlib import Path

import django
import pytest
import taggit
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

DJANGO_DIR = Path(django.__file__).parent
TAGGIT_DIR = Path(taggit.__file__).parent
ADD_ARTICLE_URL = "/admin/articles/article/add/"

# (domain, English catalog) for every Django catalog an editor, moderator or
# reader can meet, and taggit's.
CATALOGS = {
    "core": ("django", DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po"),
    "admin": ("django", DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/django.po"),
    "admin-js": ("djangojs", DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"),
    "auth": ("django", DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po"),
    "contenttypes": ("django", DJANGO_DIR / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po"),
    "sessions": ("django", DJANGO_DIR / "contrib/sessions/locale/en/LC_MESSAGES/django.po"),
    "humanize": ("django", DJANGO_DIR / "contrib/humanize/locale/en/LC_MESSAGES/django.po"),
    "taggit": ("django", TAGGIT_DIR / "locale/en/LC_MESSAGES/django.po"),
}

# Strings allowed to come back unchanged. Keep this list short: anything a
# person can read belongs in locale/vi/LC_MESSAGES/ instead.
ALLOWED_UNCHANGED = {
    # Developer-only: LogEntry.__str__ for an unknown action flag.
    "LogEntry Object",
    # Punctuation, units and protocol names that read the same in Vietnamese.
    "…",
    ":",
    ":?.!",
    ", ",
    "%(truncated_text)s…",
    "IPv4",
    "IPv6",
    "%(size)d byte",
    "%s KB",
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
}
# Strings not translated on purpose, recognised by where Django uses them:
# language names (the site offers Vietnamese only) and the "install worked"
# page of a project without URLs.
SKIPPED_SOURCES = ("conf/global_settings.py", "views/templates/default_urlconf.html")


def read_po(path):
    """The entries of a .po file as dicts: ctxt, id, plural, refs."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and entry["id"]:
                entries.append(entry)
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"ctxt": None, "id": "", "plural": None, "refs": []}
        if line.startswith("#:"):
            entry["refs"] += line[2:].split()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field:
                entry[field] += ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            field = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "plural"}.get(keyword)
            if field:
                entry[field] = ast.literal_eval(value)
    return entries


def js_translation():
    """The catalog /admin/jsi18n/ serves, built the way the view builds it."""
    paths = JavaScriptCatalog().get_paths(["django.contrib.admin"])
    return DjangoTranslation(translation.get_language(), domain="djangojs", localedirs=paths)


def untranslated(domain, path):
    """The msgids of an English catalog that still come back in English under "vi"."""
    left = []
    with translation.override("vi"):
        t = js_translation() if domain == "djangojs" else translation
        for e in read_po(path):
            if e["id"] in ALLOWED_UNCHANGED or any(src in ref for ref in e["refs"] for src in SKIPPED_SOURCES):
                continue
            ctxt, msgid, plural = e["ctxt"], e["id"], e["plural"]
            if plural is None:
                seen = [t.pgettext(ctxt, msgid) if ctxt else t.gettext(msgid)]
                english = [msgid]
            else:
                seen = [t.npgettext(ctxt, msgid, plural, n) if ctxt else t.ngettext(msgid, plural, n) for n in (1, 5)]
                english = [msgid, plural]
            if any(a == b for a, b in zip(seen, english, strict=True)):
                left.append(f"{ctxt + ' | ' if ctxt else ''}{msgid}")
    return left


def js_catalog(text):
    """The translations in a /admin/jsi18n/ response (its JSON is ASCII-escaped)."""
    match = re.search(r"const newcatalog = (\{.*?\});\n", text, re.S)
    assert match, "no catalog in /admin/jsi18n/"
    return json.loads(match.group(1))


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-thu-nghiem")


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Error:", "Lỗi:"),
        ("Skip to main content", "Bỏ qua, đến nội dung chính"),
        ("Toggle theme (current theme: auto)", "Đổi giao diện (hiện tại: tự động)"),
        (
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
            "Nhập một “đường dẫn” (slug) hợp lệ, chỉ gồm chữ cái, chữ số, dấu gạch dưới hoặc dấu gạch ngang.",
        ),
        ("That page number is not an integer", "Số trang không phải là số nguyên"),
        ("That page contains no results", "Trang này không có kết quả nào"),
        ("CSRF verification failed. Request aborted.", "Xác thực CSRF thất bại. Yêu cầu đã bị hủy."),
        (
            "Raw passwords are not stored, so there is no way to see the user’s password.",
            "Mật khẩu gốc không được lưu lại, nên không có cách nào xem mật khẩu của người dùng.",
        ),
    ],
)
def test_messages_django_left_in_english_are_vietnamese(english, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese


def test_plural_and_context_messages_are_vietnamese():
    with translation.override("vi"):
        at_most = translation.ngettext("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 3)
        assert at_most == "Vui lòng gửi tối đa %(num)d biểu mẫu."
        assert translation.pgettext("A tag slug", "slug") == "đường dẫn"
        assert translation.npgettext("naturaltime-past", "%(num)d day", "%(num)d days", 2) == "%(num)d ngày"


@pytest.mark.parametrize("catalog", list(CATALOGS))
def test_every_django_message_an_editor_can_meet_is_translated(catalog):
    domain, path = CATALOGS[catalog]
    assert path.exists(), path
    left = untranslated(domain, path)
    assert not left, (
        f"{len(left)} {catalog} message(s) come back in English under 'vi'; translate them in "
        f"locale/vi/LC_MESSAGES/{domain}.po and run compilemessages:\n" + "\n".join(left)
    )


def test_admin_add_article_page_has_the_vietnamese_skip_link(client, publication, superuser):
    client.force_login(superuser)
    response = client.get(ADD_ARTICLE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skip to main content" not in html
    assert "Bỏ qua, đến nội dung chính" in html
    assert "Toggle theme" not in html


def test_an_invalid_article_says_loi_in_the_title(client, publication, superuser):
    client.force_login(superuser)
    response = client.post(ADD_ARTICLE_URL, {"title": ""})
    assert response.status_code == 200
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    assert title.strip().startswith("Lỗi:")
    assert "Error" not in title


def test_admin_javascript_catalog_is_vietnamese(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    catalog = js_catalog(response.content.decode())
    assert catalog["Today"] == "Hôm nay"
    assert catalog["Now"] == "Bây giờ"
    assert catalog["Choose a time"] == "Chọn giờ"
    # From locale/vi/LC_MESSAGES/djangojs.po, which Django's catalog lacks.
    assert catalog["Monday"] == "Thứ Hai"
    assert catalog["abbrev. day Sunday\x04Sun"] == "CN"
    assert catalog["Choose all %s"] == "Chọn tất cả %s"


def test_the_background_task_screens_are_vietnamese():
    """django-tasks ships no Vietnamese: its admin list of background tasks
    (for administrators) reads from locale/vi/ too."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    with translation.override("vi"):
        names = [str(DBTaskResult._meta.verbose_name)] + [
            str(field.verbose_name) for field in DBTaskResult._meta.fields if field.name != "id"
        ]
        labels = [str(label) for label in TaskResultStatus.labels]
    assert names[0] == "Tác vụ nền"
    english = re.compile(r"\b(task|at|name|value|path|status|priority|queue|traceback|worker|args)\b", re.I)
    assert not [name for name in names + labels if english.search(name)], names + labels


def test_every_message_of_the_body_editor_is_vietnamese():
    """django-prose-editor asks window.gettext (the admin's JavaScript
    catalog) for its dialogs' words; an upgrade that adds one fails here."""
    from tests.english import editor_messages

    messages = editor_messages()
    assert len(messages) > 25 and "Insert Figure" in messages
    with translation.override("vi"):
        catalog = js_translation()
        left = [m for m in messages if catalog.gettext(m) == m]
    assert not left, "translate them in locale/vi/LC_MESSAGES/djangojs.po:\n" + "\n".join(left)
