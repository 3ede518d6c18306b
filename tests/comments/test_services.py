"""The workflow functions and the rules the database holds."""

import pytest
from django.db import IntegrityError, transaction

from comments import services
from comments.models import Comment
from newsroom.text import fold, strip_invisible
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def submit(article, **overrides):
    data = {"name": "Lò Văn Thắng", "email": "thang@example.vn", "body": "Ý kiến của tôi.", "ip": "203.0.113.9"}
    data.update(overrides)
    return services.submit_comment(article, **data)


def test_the_same_comment_twice_is_one_row(article):
    first, created = submit(article)
    again, created_again = submit(article, body="  Ý kiến   của tôi. ", email="THANG@example.vn")
    assert created and not created_again
    assert again.pk == first.pk
    assert Comment.objects.count() == 1


def test_the_same_text_on_another_article_or_by_another_reader_is_a_new_comment(article):
    submit(article)
    submit(article, name="Người khác")
    submit(CommentFactory().article)
    assert Comment.objects.filter(body="Ý kiến của tôi.").count() == 3


def test_the_database_refuses_a_duplicate_fingerprint(article):
    comment, _ = submit(article)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            article=article, name="x", email="x@example.vn", body="y", fingerprint=comment.fingerprint
        )


def test_the_database_refuses_an_unknown_status_and_an_empty_body(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentFactory(article=article, status="published")
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentFactory(article=article, body="")


def test_text_helpers():
    assert strip_invisible("A\u200bn\u202eh\u2066") == "Anh"
    assert fold("Cá ĐỘ!!  bóng-đá") == " ca do bong da "
