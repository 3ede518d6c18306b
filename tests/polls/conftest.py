from datetime import timedelta

import pytest
from django.utils import timezone

from polls.models import Option, Poll


def make_poll(
    question="Bạn đánh giá thế nào về dịch vụ công trực tuyến?", options=("Tốt", "Bình thường", "Chưa tốt"), **kwargs
):
    kwargs.setdefault("opens_at", timezone.now() - timedelta(days=1))
    kwargs.setdefault("in_sidebar", True)
    poll = Poll.objects.create(question=question, **kwargs)
    for i, text in enumerate(options):
        Option.objects.create(poll=poll, text=text, position=i)
    return poll


@pytest.fixture
def poll(publication):
    return make_poll()
