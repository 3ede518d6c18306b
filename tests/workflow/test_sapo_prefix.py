"""A sapo typed with the paper's prefix is not shown as "ĐBP - ĐBP - …": the
form drops the prefix, and the page adds it once."""

import pytest

from .conftest import Article, change_url, draft_by, form_data


@pytest.mark.parametrize(
    "typed", ["ĐBP - Đảng bộ xã Mường Phăng", "ĐBP– Đảng bộ xã Mường Phăng", "(ĐBP) - Đảng bộ xã Mường Phăng"]
)
def test_the_prefix_typed_into_the_sapo_is_dropped_on_save(client, secretary, category, publication, typed):
    article = draft_by(secretary, category, status=Article.Status.PUBLISHED, published_at=None)
    client.force_login(secretary)
    assert client.post(change_url(article), form_data(article, lead=typed)).status_code == 302
    article.refresh_from_db()
    assert article.lead == "Đảng bộ xã Mường Phăng"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "ĐBP - Đảng bộ xã Mường Phăng" in html
    assert "ĐBP - ĐBP" not in html


def test_a_sapo_that_only_starts_like_the_prefix_is_kept(client, secretary, category, publication):
    article = draft_by(secretary, category)
    client.force_login(secretary)
    data = form_data(article, lead="ĐBPhủ - tên gọi tắt của thành phố.")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.lead == "ĐBPhủ - tên gọi tắt của thành phố."
