from django import template
from django.utils import timezone

from delivery import data, scopes
from polls import ballots
from polls.models import Option, results

register = template.Library()


def _sidebar_options():
    return list(
        Option.objects.filter(poll__in_sidebar=True, poll__opens_at__lte=timezone.now())
        .select_related("poll")
        .order_by("position", "id")
    )


@register.inclusion_tag("polls/poll_widget.html", takes_context=True)
def poll_widget(context):
    """“Thăm dò ý kiến” in the sidebar: the poll marked for it, once opened.
    One query (its options with the poll), a cached fragment
    (delivery/data.py, "site" scope; a vote forgets it). Whether this reader has
    voted is read from the request every time."""
    options = data.cached(context.get("request"), "poll-widget", [scopes.SITE], _sidebar_options)
    if not options:
        return {"poll": None}
    poll = options[0].poll
    rows, total = results(options)
    request = context.get("request")
    voted = request is not None and ballots.has_voted(request, poll.pk)
    return {
        "poll": poll,
        "rows": rows,
        "total": total,
        "can_vote": poll.is_open and not voted,
    }
