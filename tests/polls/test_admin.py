"""Editors create polls in the admin: 2 to 10 options; roles may manage them."""

import pytest
from django.contrib.auth.models import Group

from polls.models import Poll

pytestmark = pytest.mark.django_db


def poll_form(options, in_sidebar=True):
    data = {
        "question": "Bạn đọc báo in hay báo điện tử?",
        "opens_at_0": "01/11/2026",
        "opens_at_1": "08:00:00",
        "closes_at_0": "",
        "closes_at_1": "",
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "2",
        "options-MAX_NUM_FORMS": "10",
    }
    if in_sidebar:
        data["in_sidebar"] = "on"
    for i, text in enumerate(options):
        data[f"options-{i}-text"] = text
        data[f"options-{i}-position"] = str(i)
    return data


def test_a_poll_with_two_options_is_saved_and_takes_the_sidebar(admin_client, publication):
    old = Poll.objects.create(question="Cuộc cũ", in_sidebar=True)
    response = admin_client.post("/admin/polls/poll/add/", poll_form(["Báo in", "Báo điện tử"]))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    poll = Poll.objects.get(question="Bạn đọc báo in hay báo điện tử?")
    assert [o.text for o in poll.options.all()] == ["Báo in", "Báo điện tử"]
    assert poll.in_sidebar
    old.refresh_from_db()
    assert not old.in_sidebar


@pytest.mark.parametrize("count", [1, 11])
def test_fewer_than_2_or_more_than_10_options_are_refused(admin_client, publication, count):
    response = admin_client.post("/admin/polls/poll/add/", poll_form([f"Phương án {i}" for i in range(count)]))
    assert response.status_code == 200
    assert not Poll.objects.exists()


@pytest.mark.parametrize("role", ["Thư ký tòa soạn", "Tổng biên tập"])
def test_the_desk_manages_polls_and_links(role):
    codenames = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
    assert {"add_poll", "change_poll", "delete_poll", "add_option", "add_linkgroup", "change_banner"} <= codenames


def test_reporters_do_not(publication):
    codenames = set(Group.objects.get(name="Phóng viên").permissions.values_list("codename", flat=True))
    assert "add_poll" not in codenames and "add_link" not in codenames
