"""The dependency order (docs/caching.md): nothing at the bottom imports an
app above it. ``guard/`` (request guards) and ``delivery/`` import Django
only (and the standard library and third-party packages); ``newsroom/``
(settings, urls, the profile, themes, text helpers) may import them but no
feature app, except where it wires them together (settings, the root
URLconf, WSGI)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOTTOM = {"delivery", "guard", "newsroom"}
# Every project app above them: each folder with an apps.py (so a new app is
# checked without anyone remembering to list it here).
UPPER = {path.parent.name for path in ROOT.glob("*/apps.py")} - BOTTOM
# Modules whose job is to put the apps together.
WIRING = {"newsroom/urls.py", "newsroom/wsgi.py"}


def imported(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def offenders(package, forbidden):
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in WIRING or relative.startswith(f"{package}/settings/"):
            continue
        found += [f"{relative} imports {name}" for name in imported(path) if name in forbidden]
    return found


def test_guard_imports_only_django():
    assert offenders("guard", UPPER | {"newsroom", "delivery"}) == []


def test_delivery_imports_only_django():
    assert offenders("delivery", UPPER | {"newsroom", "guard"}) == []


def test_every_app_above_the_bottom_is_checked():
    assert {"articles", "videos", "imports", "redirects", "ops"} <= UPPER
    assert not UPPER & BOTTOM


def test_newsroom_imports_no_upper_app():
    assert offenders("newsroom", UPPER) == []


def test_the_check_sees_an_upper_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from articles.models import Article\nimport counters.services\nfrom . import x\n")
    assert list(imported(module)) == ["articles", "counters"]
