"""The optional read replica (newsroom/db_router.py, docs/deployment.md)."""

import os
import subprocess
import sys

import pytest
from django.db import transaction

from articles.models import Article
from newsroom.db_router import PrimaryReplicaRouter

router = PrimaryReplicaRouter()


@pytest.mark.django_db(transaction=True)
def test_reads_go_to_the_replica_writes_and_transactions_to_the_primary():
    assert router.db_for_read(Article) == "replica"
    assert router.db_for_write(Article) == "default"
    with transaction.atomic():
        assert router.db_for_read(Article) == "default"  # a read that may lead to a write
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica", "articles") is False


def settings_with(**env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([sorted(settings.DATABASES), getattr(settings, 'DATABASE_ROUTERS', [])]))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="newsroom.settings.dev", **env)
    out = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def test_the_router_is_used_only_with_a_replica_url():
    assert settings_with() == '[["default"], []]'
    with_replica = settings_with(DATABASE_REPLICA_URL="postgres://reader@replica.example:5432/newsroom")
    assert with_replica == '[["default", "replica"], ["newsroom.db_router.PrimaryReplicaRouter"]]'
