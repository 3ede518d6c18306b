import pytest
from django.contrib.auth.models import Group
from taggit.utils import edit_string_for_tags

from articles import roles
from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, contribution_forms


def member_of(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def reporter(db):
    return member_of(roles.REPORTER, "phongvien")


@pytest.fixture
def other_reporter(db):
    return member_of(roles.REPORTER, "phongvien2")


@pytest.fixture
def editor(db):
    return member_of(roles.EDITOR, "bientap")


@pytest.fixture
def secretary(db):
    return member_of(roles.SECRETARY, "thuky")


@pytest.fixture
def chief(db):
    return member_of(roles.EDITOR_IN_CHIEF, "tongbientap")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


@pytest.fixture
def category(db):
    return CategoryFactory(name="Thời sự", show_on_home=True)


def draft_by(user, category, **kwargs):
    return ArticleFactory(draft=True, created_by=user, category=category, **kwargs)


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def published_at_fields(local):
    """The date and time boxes of the admin's split widget, in the site's format."""
    from django.utils.formats import localize_input

    return {"published_at_0": localize_input(local.date()), "published_at_1": local.strftime("%H:%M:%S")}


def form_data(article, **overrides):
    """What the change form posts for ``article`` as it is now."""
    article.refresh_from_db()
    data = {
        "kicker": article.kicker,
        "title": article.title,
        "slug": article.slug,
        "genre": article.genre,
        "lead": article.lead,
        "body": article.body,
        "byline": article.byline,
        "category": article.category_id,
        "tags": edit_string_for_tags(list(article.tags.all())),
        "published_at_0": "",
        "published_at_1": "",
        "featured_position": "",
        "pinned_position": "",
        "allow_comments": "on",
        "featured_image_caption": "",
        "featured_image_credit": "",
        "transition_note": "",
        "edit_version": article.version,
    }
    if article.published_at:
        from django.utils import timezone

        data.update(published_at_fields(timezone.localtime(article.published_at)))
    data.update(contribution_forms(article))
    data.update(overrides)
    return data


__all__ = ["Article", "change_url", "draft_by", "form_data", "member_of"]
