"""The W3C Nu HTML Checker (vnu.jar from the npm package ``vnu-jar``, pinned
in package.json, installed by ``make test``) on every kind of public page in
every theme, full and light edition: 0 errors.

The pages are rendered with the test client and written to files; one
checker run reads them all (the JVM takes seconds to start)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from newsroom.models import Publication
from newsroom.themes import THEMES

from .site_data import build_site, page_urls

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(folder):
    """The checker's errors on every .html file under ``folder``, as
    ``file:line: message`` strings."""
    if not VNU.is_file():
        pytest.fail(f"vnu.jar not found at {VNU}: run `make test` (npm ci installs vnu-jar).", pytrace=False)
    java = shutil.which("java")
    if not java:
        pytest.fail("Java not found: the Nu HTML Checker needs a Java runtime (apt-get install default-jre-headless).")
    result = subprocess.run(  # noqa: S603
        [java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '')!r}]"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


def test_the_checker_finds_errors_it_should(tmp_path):
    """So a clean result means something: a page with the faults the issue
    named (a six-digit fraction of a second, aria-label on a plain span)."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="vi"><head><title>x</title></head><body>'
        '<time datetime="2026-12-04T22:33:17.157397+07:00">nay</time>'
        '<span aria-label="Chia sẻ">x</span></body></html>',
        encoding="utf-8",
    )
    errors = run_vnu(tmp_path)
    assert len(errors) == 2, errors
    assert any("datetime" in e for e in errors) and any("aria-label" in e for e in errors)


def test_every_public_page_of_every_theme_is_valid_html(client, publication, tmp_path):
    site = build_site()
    urls = page_urls(site)
    written = 0
    for theme in sorted(THEMES):
        Publication.objects.filter(pk=1).update(theme=theme)
        publication.refresh_from_db()
        publication.save()  # clears the cached profile and the page cache's generation
        for light in (False, True):
            client.cookies.clear()
            for name, url in urls.items():
                address = f"{url}{'&' if '?' in url else '?'}nhe=1" if light else url
                response = client.get(address)
                expected = 404 if name == "not-found" else 200
                assert response.status_code == expected, (theme, address, response.status_code)
                content = b"".join(response.streaming_content) if response.streaming else response.content
                suffix = "light" if light else "full"
                (tmp_path / f"{theme}-{suffix}-{name}.html").write_bytes(content)
                written += 1
    assert written == len(THEMES) * 2 * len(urls)
    errors = run_vnu(tmp_path)
    assert errors == [], "\n".join(errors)
