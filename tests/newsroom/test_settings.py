"""Production settings refuse to start without their secrets."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def import_production(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings.production"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    result = import_production(DJANGO_ALLOWED_HOSTS="news.example.vn")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = import_production(DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both():
    result = import_production(DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="news.example.vn")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_malformed_boolean_is_refused(value):
    result = import_production(DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="news.example.vn", DJANGO_DEBUG=value)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_every_environment_variable_is_documented_for_operators():
    """docs/settings.md is where an operator looks: every variable the
    settings (and the gunicorn worker) read is in its tables."""
    import re
    from pathlib import Path

    base = Path(settings.BASE_DIR)
    sources = [*sorted((base / "newsroom" / "settings").glob("*.py")), base / "ops" / "server.py"]
    read = set()
    for source in sources:
        text = source.read_text()
        read |= set(re.findall(r'env\("([A-Z0-9_]+)"', text))
        read |= set(re.findall(r'os\.environ\.get\("([A-Z0-9_]+)"', text))
    assert len(read) > 40, "the pattern still finds the settings"
    documented = set(re.findall(r"`([A-Z0-9_]+)`", (base / "docs" / "settings.md").read_text()))
    assert sorted(read - documented) == []
