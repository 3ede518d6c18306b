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


def test_load_demo_print_makes_published_issues_with_linked_articles_once(client, media, tmp_path):
    call_command("load_demo", force=True, theme="laichau", verbosity=0)
    # The paper's own file, with one short issue (the shipped ones take longer to draw).
    data = json.loads((Path(settings.BASE_DIR) / "fixtures" / "demo" / "laichau.json").read_text(encoding="utf-8"))
    data["print_editions"][0]["issues"] = [{"number": 3410, "days_ago": 1, "pages": 2}]
    demo_file = tmp_path / "demo.json"
    demo_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("load_demo_print", file=str(demo_file), force=True, verbosity=0)
    issue = Issue.objects.published().get()
    assert (issue.edition.name, issue.number, issue.page_count) == ("Báo Lai Châu", 3410, 2)
    front = issue.pages.get(number=1)
    lead_story = PrintedArticle.objects.filter(issue=issue, page_number=1).select_related("article").first().article
    assert lead_story.title in " ".join(front.text.split())  # the page's words are searchable
    assert lead_story.title in client.get(issue.get_absolute_url()).content.decode()

    call_command("load_demo_print", file=str(demo_file), force=True, verbosity=0)
    assert Issue.objects.count() == 1 and Edition.objects.count() == 1


def test_load_demo_print_refuses_production_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_print", verbosity=0)
