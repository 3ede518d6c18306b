"""Authors: finding them by any of their names, merging duplicates without
losing anything, the admin's accent-insensitive search and autocomplete,
and payment details only for the desk and the accounts office."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from articles import roles
from articles.models import Contribution
from audit.models import AuditEntry
from authors.bylines import Kind, Role
from authors.models import Author, PaymentDetails, PenName
from authors.services import find_author, find_or_create_author, merge_authors
from tests.factories import ArticleFactory, AuthorFactory, ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


def member_of(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def author_with_pen_name(name="Thu Hòa", pen_name="T.Hòa", **fields):
    author = AuthorFactory(name=name, **fields)
    PenName.objects.create(author=author, name=pen_name)
    author.update_search_text()
    return author


def payment(author):
    return PaymentDetails.objects.create(
        author=author, id_number="011223344556", bank_account="1234567890", bank_name="Agribank Điện Biên"
    )


# ---- finding and creating ---------------------------------------------------


def test_an_author_is_found_by_a_pen_name_whatever_the_case_and_spacing():
    author = author_with_pen_name()
    assert find_author("t. hòa") == author
    assert find_author("THU HÒA") == author


def test_names_that_differ_by_an_accent_are_different_people():
    AuthorFactory(name="Thu Hà")
    assert find_author("Thu Hạ") is None


def test_a_new_name_becomes_a_collaborator_until_the_desk_says_otherwise():
    author, created = find_or_create_author("Lò Văn Pọm")
    assert created and author.kind == Kind.COLLABORATOR
    assert author.slug == "lo-van-pom"
    same, created_again = find_or_create_author("Lò  Văn Pọm")
    assert (same, created_again) == (author, False)


def test_the_byline_s_kind_is_kept_for_a_new_author():
    author, _ = find_or_create_author("TTXVN", Kind.ORGANISATION)
    assert author.is_organisation and author.slug == "ttxvn"


# ---- merging ----------------------------------------------------------------


def test_merging_moves_contributions_and_names_and_records_who_did_it():
    desk = member_of(roles.SECRETARY, "thuky")
    keep = AuthorFactory(name="Quang Long")
    duplicate = AuthorFactory(name="Q.Long", real_name="Nguyễn Quang Long")
    first, second = ContributionFactory(author=keep), ContributionFactory(author=duplicate, role=Role.PHOTO)
    merge_authors(keep, [keep, duplicate], by=desk)
    assert not Author.objects.filter(pk=duplicate.pk).exists()
    assert set(Contribution.objects.filter(author=keep)) == {first, second}
    keep.refresh_from_db()
    assert keep.names() == ["Quang Long", "Q.Long"]
    assert keep.real_name == "Nguyễn Quang Long"
    assert find_author("Q.Long") == keep
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MERGE_AUTHORS)
    assert (entry.actor, entry.target_repr) == (desk, "Quang Long")
    assert "Q.Long" in entry.detail


def test_a_merge_that_would_lose_a_contribution_is_refused_and_changes_nothing():
    desk = member_of(roles.SECRETARY, "thuky")
    article = ArticleFactory(title="Mùa hoa ban")
    keep, duplicate = AuthorFactory(name="Quang Long"), AuthorFactory(name="Q.Long")
    ContributionFactory(article=article, author=keep, role=Role.NEWS)
    ContributionFactory(article=article, author=duplicate, role=Role.NEWS)
    with pytest.raises(ValidationError) as refused:
        merge_authors(keep, [duplicate], by=desk)
    assert "Mùa hoa ban" in refused.value.messages[0] and "một dòng sẽ mất" in refused.value.messages[0]
    assert Author.objects.filter(pk=duplicate.pk).exists()
    assert Contribution.objects.filter(author=duplicate).count() == 1
    assert not PenName.objects.exists()


def test_a_merge_of_two_authors_with_payment_details_is_refused():
    desk = member_of(roles.SECRETARY, "thuky")
    keep, duplicate = AuthorFactory(name="Thanh Bình"), AuthorFactory(name="T.Bình")
    payment(keep), payment(duplicate)
    with pytest.raises(ValidationError, match="thông tin thanh toán"):
        merge_authors(keep, [duplicate], by=desk)
    assert PaymentDetails.objects.count() == 2


def test_a_merge_of_two_authors_with_different_accounts_is_refused():
    desk = member_of(roles.SECRETARY, "thuky")
    keep = AuthorFactory(name="Quang Long", user=UserFactory(username="long"))
    duplicate = AuthorFactory(name="Q.Long", user=UserFactory(username="qlong"))
    with pytest.raises(ValidationError, match="tài khoản"):
        merge_authors(keep, [duplicate], by=desk)


def test_the_merged_author_s_payment_details_and_account_move_over():
    desk = member_of(roles.SECRETARY, "thuky")
    keep = AuthorFactory(name="Thanh Bình")
    user = UserFactory(username="thanhbinh")
    duplicate = AuthorFactory(name="T.Bình", user=user)
    details = payment(duplicate)
    merge_authors(keep, [duplicate], by=desk)
    keep.refresh_from_db()
    details.refresh_from_db()
    assert (keep.user, details.author) == (user, keep)


# ---- the admin ----------------------------------------------------------------


def test_the_admin_finds_authors_without_accents_and_by_pen_name(client):
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    author_with_pen_name("Quàng Hương", "Q.Hương")
    AuthorFactory(name="Đức Anh")
    html = client.get("/admin/authors/author/", {"q": "quang huong"}).content.decode()
    assert "Quàng Hương" in html and "Đức Anh" not in html
    html = client.get("/admin/authors/author/", {"q": "q.huong"}).content.decode()
    assert "Quàng Hương" in html


def test_the_article_form_s_author_autocomplete_is_accent_insensitive(client):
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    wanted = author_with_pen_name("Thu Hòa", "T.Hòa")
    AuthorFactory(name="Thu Hà")
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "contribution", "field_name": "author", "term": "hoa"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Thu Hòa"]
    assert response.json()["results"][0]["id"] == str(wanted.pk)


@pytest.mark.parametrize(
    ("role", "sees"),
    [(roles.REPORTER, False), (roles.EDITOR, False), (roles.SECRETARY, True), (roles.ACCOUNTANT, True)],
)
def test_payment_details_are_shown_to_the_desk_and_accounts_only(client, role, sees):
    author = AuthorFactory(name="Thanh Bình", kind=Kind.COLLABORATOR)
    payment(author)
    client.force_login(member_of(role, "nguoidung"))
    html = client.get(f"/admin/authors/author/{author.pk}/change/").content.decode()
    assert ("1234567890" in html) is sees
    assert ("011223344556" in html) is sees


def author_form(author, **extra):
    data = {
        "name": author.name,
        "real_name": author.real_name,
        "slug": author.slug,
        "kind": author.kind,
        "user": "",
        "bio": "",
        "photo": "",
        "pen_names-TOTAL_FORMS": "0",
        "pen_names-INITIAL_FORMS": "0",
        "pen_names-MIN_NUM_FORMS": "0",
        "pen_names-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


PAYMENT_FORM = {
    "payment_details-TOTAL_FORMS": "1",
    "payment_details-INITIAL_FORMS": "0",
    "payment_details-MIN_NUM_FORMS": "0",
    "payment_details-MAX_NUM_FORMS": "1",
    "payment_details-0-id_number": "0112 2334 4556",
    "payment_details-0-bank_account": "1234.567.890",
    "payment_details-0-bank_name": "Agribank chi nhánh Điện Biên",
}


def test_an_editor_s_forged_payment_details_are_ignored(client):
    author = AuthorFactory(name="Thanh Bình", kind=Kind.COLLABORATOR)
    client.force_login(member_of(roles.EDITOR, "bientap"))
    response = client.post(f"/admin/authors/author/{author.pk}/change/", author_form(author, **PAYMENT_FORM))
    assert response.status_code == 302
    assert not PaymentDetails.objects.exists()


def test_accounts_record_payment_details_typed_with_spaces_and_dots(client):
    author = AuthorFactory(name="Thanh Bình", kind=Kind.COLLABORATOR)
    # Kế toán may not change the author himself; the desk may, and so may a
    # holder of both permissions: here the desk types what accounts collected.
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post(f"/admin/authors/author/{author.pk}/change/", author_form(author, **PAYMENT_FORM))
    assert response.status_code == 302, response.content.decode()[:3000]
    details = PaymentDetails.objects.get(author=author)
    assert (details.id_number, details.bank_account) == ("011223344556", "1234567890")


def test_a_wrong_id_number_gets_a_vietnamese_message_and_nothing_is_saved(client):
    author = AuthorFactory(name="Thanh Bình", kind=Kind.COLLABORATOR)
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    form = author_form(author, **{**PAYMENT_FORM, "payment_details-0-id_number": "12345"}, name="Tên mới")
    response = client.post(f"/admin/authors/author/{author.pk}/change/", form)
    assert response.status_code == 200
    assert "Số CCCD có 12 chữ số" in response.content.decode()
    author.refresh_from_db()
    assert author.name == "Thanh Bình" and not PaymentDetails.objects.exists()


def test_the_merge_action_shows_why_it_refused(client):
    article = ArticleFactory(title="Mùa hoa ban")
    keep, duplicate = AuthorFactory(name="Quang Long"), AuthorFactory(name="Q.Long")
    ContributionFactory(article=article, author=keep, role=Role.NEWS)
    ContributionFactory(article=article, author=duplicate, role=Role.NEWS)
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post(
        "/admin/authors/author/",
        {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk], "merge_into": keep.pk, "apply": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa gộp, không có gì thay đổi" in html and "Mùa hoa ban" in html
    assert Author.objects.count() == 2


def test_a_reporter_cannot_merge_authors(client):
    keep, duplicate = AuthorFactory(name="Quang Long"), AuthorFactory(name="Q.Long")
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    response = client.post(
        "/admin/authors/author/",
        {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk], "merge_into": keep.pk, "apply": "1"},
    )
    # The action is not offered to him: the list comes back, nothing merged.
    assert response.status_code == 200
    assert "Chọn tác giả được giữ lại" not in response.content.decode()
    assert Author.objects.count() == 2


def test_the_desk_links_an_author_to_a_newsroom_account(client):
    author = AuthorFactory(name="Quang Long")
    reporter = member_of(roles.REPORTER, "phongvien")
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    form = client.get(f"/admin/authors/author/{author.pk}/change/").content.decode()
    assert f'<option value="{reporter.pk}">phongvien</option>' in form
    no_details = {**PAYMENT_FORM, "payment_details-TOTAL_FORMS": "0"}
    response = client.post(
        f"/admin/authors/author/{author.pk}/change/", author_form(author, user=reporter.pk, **no_details)
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.user == reporter
