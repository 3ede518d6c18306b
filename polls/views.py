"""``/tham-do/<id>/`` (results, and the form while the poll is open) and
``POST /tham-do/<id>/bieu-quyet/`` (a vote)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guard.origin import same_origin_post

from . import ballots, services
from .models import Poll, results


def _page(request, poll, status=200, error=None):
    options = list(poll.options.all())
    rows, total = results(options)
    voted = ballots.has_voted(request, poll.pk)
    context = {
        "poll": poll,
        "rows": rows,
        "total": total,
        "can_vote": poll.is_open and not voted,
        "voted": voted,
        "error": error,
    }
    return render(request, "polls/poll_detail.html", context, status=status)


def poll_detail(request, pk):
    poll = get_object_or_404(Poll.objects.visible(), pk=pk)
    return _page(request, poll)


@same_origin_post  # no CSRF token in the sidebar form: pages stay cacheable (guard/origin.py)
@require_POST
def vote(request, pk):
    poll = get_object_or_404(Poll.objects.visible(), pk=pk)
    if ballots.has_voted(request, poll.pk):
        messages.info(
            request, _("Bạn đã biểu quyết trong cuộc thăm dò này rồi. Mỗi trình duyệt chỉ biểu quyết một lần.")
        )
        return redirect(poll)
    if not poll.is_open:
        return _page(request, poll, status=403, error=_("Cuộc thăm dò đã kết thúc; bạn chỉ xem được kết quả."))
    option = request.POST.get("option", "")
    if not (option.isascii() and option.isdigit() and len(option) < 19):
        return _page(request, poll, status=400, error=_("Bạn hãy chọn một phương án rồi bấm Biểu quyết."))
    if not ballots.within_address_limit(request, poll.pk):
        return _page(
            request,
            poll,
            status=429,
            error=_("Đã có quá nhiều phiếu từ địa chỉ mạng của bạn trong cuộc thăm dò này. Mời bạn thử lại sau."),
        )
    try:
        services.vote(poll.pk, int(option))
    except services.VoteRefused:
        return _page(request, poll, status=400, error=_("Phương án đã chọn không thuộc cuộc thăm dò này."))
    messages.success(request, _("Cảm ơn bạn đã biểu quyết."))
    response = redirect(poll)
    ballots.remember_vote(response, poll)
    return response
