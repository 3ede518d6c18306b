"""A paginator for admin lists over a big table (the article archive).

Counting every row of 300,000 articles costs more than showing a page of them
(an unvacuumed table is a sequential scan: 0.1–0.3 s), so the list counts only
as far as it needs to:

* the whole table, unfiltered, on PostgreSQL: the planner's estimate of its
  size (``pg_class.reltuples``, kept by ANALYZE and autovacuum), rounded to
  three figures — the page says "khoảng 300.000 bài viết";
* a filtered or searched list: a count that stops after ``count_limit`` rows —
  "hơn 1.000 bài viết" (20 pages of 50);
* exactly, with COUNT(*), when the page asked for is near or past those
  numbers (the last tenth of the estimate, or past the limit), so the link to
  the last page always leads to the real last page; also for a small table
  and on SQLite, whose COUNT(*) of a whole table is cheap.

``count_is`` says which one it is ("exact", "estimate", "more") and
``count_phrase`` words it for the article list's templates
(templates/admin/articles/article/). Measured figures: docs/performance.md, "Admin changelist".
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

EXACT = "exact"
ESTIMATE = "estimate"
MORE = "more"


def estimated_row_count(model, using):
    """PostgreSQL's estimate of the number of rows in the model's table, or
    None on another database or for a table never analysed."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
            [connection.ops.quote_name(model._meta.db_table)],
        )
        row = cursor.fetchone()
    if row is None or row[0] < 0:
        return None
    return int(row[0])


def round_estimate(n):
    """299,947 → 300,000: an estimate shown with more figures than it has
    would look exact."""
    digits = len(str(n)) - 3
    return round(n, -digits) if digits > 0 else n


class LargeTablePaginator(Paginator):
    count_limit = 1000  # rows a filtered list counts at most
    estimate_from = 10_000  # a smaller table is counted exactly

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, page_number=1):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        # Rows up to the end of the page asked for: what the count must reach.
        self.rows_wanted = max(page_number, 1) * self.per_page
        self.count_is = EXACT

    @cached_property
    def count(self):
        queryset = self.object_list
        if not queryset.query.where:
            estimate = estimated_row_count(queryset.model, queryset.db)
            if estimate is not None and estimate >= self.estimate_from and self.rows_wanted <= 0.9 * estimate:
                self.count_is = ESTIMATE
                return round_estimate(estimate)
        elif self.rows_wanted < self.count_limit:
            found = queryset.order_by()[: self.count_limit + 1].count()
            if found > self.count_limit:
                self.count_is = MORE
                return self.count_limit
            return found
        return queryset.count()

    @property
    def count_phrase(self):
        """The count as a person reads it: "khoảng 300.000", "hơn 1.000", "37"."""
        # Django's Vietnamese formats name "." as the thousands separator but
        # set no grouping, so number_format() and intcomma leave 300000 whole.
        number = numberformat.format(
            self.count,
            get_format("DECIMAL_SEPARATOR"),
            grouping=3,
            thousand_sep=get_format("THOUSAND_SEPARATOR"),
            force_grouping=True,
        )
        if self.count_is == ESTIMATE:
            return _("khoảng %(number)s") % {"number": number}
        if self.count_is == MORE:
            return _("hơn %(number)s") % {"number": number}
        return number
