"""The demo papers get printed issues made from their own articles."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from editions.models import Edition, Issue, PrintedArticle

pytestmark = pytest.mark.django_db


def test_each_demo_paper_has_a_few_printed_issues():
    for name in ("newspaper", "backan", "laichau"):
        data = json.loads((Path(settings.BASE_DIR) / "fixtures" / "demo" / f"{name}.json").read_text(encoding="utf-8"))
        issues = [issue for edition in data["print_editions"] for issue in edition["issues"]]
        assert len(issues) >= 2, name


def test_load_demo_print_makes_published_issues_with_linked_articles_once(client, media):
    call_command("load_demo", force=True, theme="laichau", verbosity=0)
    call_command("load_demo_print", force=True, verbosity=0)
    issues = list(Issue.objects.published().order_by("number"))
    assert [(i.edition.name, i.number, i.page_count) for i in issues] == [
        ("Báo Lai Châu", 3409, 4),
        ("Báo Lai Châu", 3410, 4),
    ]
    front = issues[1].pages.get(number=1)
    lead_story = PrintedArticle.objects.filter(issue=issues[1], page_number=1).select_related("article").first().article
    assert lead_story.title in " ".join(front.text.split())  # the page's words are searchable
    assert client.get(issues[1].get_absolute_url()).status_code == 200
    assert lead_story.title in client.get(issues[1].get_absolute_url()).content.decode()

    call_command("load_demo_print", force=True, verbosity=0)
    assert Issue.objects.count() == 2 and Edition.objects.count() == 1


def test_load_demo_print_refuses_production_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_print", verbosity=0)
