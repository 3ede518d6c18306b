"""No broken link, image or stylesheet on the whole public demo site: the
demo newspaper and its print edition (what `make demo` loads) served by a
live server, crawled from `/` by linkinator (npm, pinned in package.json,
installed by `make test`; scripts/check_links.mjs)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles import roles
from tests.factories import role_group

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "check_links.mjs"
LINKINATOR = Path(settings.BASE_DIR) / "node_modules" / "linkinator"
# Each page's light edition (?nhe=1) has the same links as the page, less its
# pictures: the Nu HTML Checker test renders them all.
SKIP = ["[?&]nhe="]


def crawl(url):
    if not LINKINATOR.is_dir():
        pytest.fail(f"linkinator not found at {LINKINATOR}: run `make test` (npm ci installs it).", pytrace=False)
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js not found: the link crawler needs it (apt-get install nodejs npm).", pytrace=False)
    result = subprocess.run(  # noqa: S603
        [node, str(SCRIPT), url, *SKIP], capture_output=True, text=True, timeout=240, check=False
    )
    assert result.stdout, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_crawler_finds_a_broken_link(live_server, publication):
    """So 0 broken means something: a page linking to an address that is not there."""
    from tests.factories import ArticleFactory

    ArticleFactory(body='<p><a href="/khong-co-trang-nay/">Một liên kết hỏng</a></p>', title="Bài có liên kết hỏng")
    report = crawl(live_server.url + "/")
    assert [(b["url"], b["status"]) for b in report["broken"]] == [(live_server.url + "/khong-co-trang-nay/", 404)]


def test_the_whole_demo_site_has_no_broken_link_image_or_stylesheet(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for role in roles.ROLE_PERMISSIONS:  # a live server's test empties the tables, the roles' too
        role_group(role)
    call_command("load_demo", force=True, verbosity=0)
    call_command("load_demo_print", force=True, verbosity=0)
    report = crawl(live_server.url + "/")
    assert report["broken"] == [], json.dumps(report["broken"], ensure_ascii=False, indent=1)
    # The whole site was walked: every category, article, tag, author and print page.
    assert report["scanned"] > 300, report["scanned"]
