"""The public site's themes: one registry of what differs between the papers.

A theme is (1) an entry here — its labels, date-line style and the sapo prefix
its paper uses — (2) ``templates/themes/<key>/base.html``, which extends the
shared ``layout.html`` and overrides only the blocks that differ, and (3)
``static/css/themes/<key>.css``, loaded after ``site.css``, which mostly sets
CSS custom properties. Every public page extends ``base.html``, which only
extends ``{{ base_template }}``, set per request by ``newsroom.context_processors.site`` from
``Publication.load().theme``, so switching the theme in the admin takes effect
on the next request without a restart. See docs/themes.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DEFAULT_THEME = "dienbienphu"


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    # Shown before the lead when the profile's prefix is set: “ĐBP - …”.
    # Also what the admin suggests for a new profile of this theme.
    sapo_prefix: str
    related_label: str
    back_to_top_label: str
    comments_label: str
    # Báo Bắc Kạn prints the number of comments in the heading: “Bình luận (3)”.
    comments_label_counts: bool = False
    # Roles before the names in the byline (“Tin, ảnh: Quang Long”), or the
    # names alone (“Quang Long”, “T.Hòa”) as Báo Bắc Kạn and Lai Châu print
    # them; sources (“Theo TTXVN”) always show (authors/bylines.py).
    byline_roles: bool = True

    @property
    def base_template(self):
        return f"themes/{self.key}/base.html"

    @property
    def stylesheet(self):
        return f"css/themes/{self.key}.css"

    @property
    def dateline_style(self):
        return self.key

    def comments_heading(self, count):
        if self.comments_label_counts:
            return ngettext("Bình luận (%(n)d)", "Bình luận (%(n)d)", count) % {"n": count}
        return str(self.comments_label)

    def __str__(self):
        return self.key


THEMES = {
    theme.key: theme
    for theme in (
        Theme(
            key="dienbienphu",
            name=_("Báo Điện Biên Phủ"),
            sapo_prefix="ĐBP",
            related_label=_("Tin khác"),
            back_to_top_label=_("Back To Top"),
            comments_label=_("Bình luận"),
        ),
        Theme(
            key="backan",
            name=_("Báo Bắc Kạn"),
            sapo_prefix="BBK",
            related_label=_("Xem thêm"),
            back_to_top_label=_("Lên đầu trang"),
            comments_label=_("Bình luận"),
            comments_label_counts=True,
            byline_roles=False,
        ),
        Theme(
            key="laichau",
            name=_("Cổng thông tin Lai Châu"),
            sapo_prefix="",
            related_label=_("Các bài viết khác"),
            back_to_top_label=_("Top"),
            comments_label=_("Ý kiến bạn đọc"),
            byline_roles=False,
        ),
    )
}

THEME_CHOICES = [(theme.key, theme.name) for theme in THEMES.values()]


def get_theme(key):
    """The theme named ``key``; the default for an unknown or empty key (a
    profile saved by an older version must still render)."""
    return THEMES.get(key) or THEMES[DEFAULT_THEME]
