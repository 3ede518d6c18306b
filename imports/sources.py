"""Each source's run, from the command's options to the final report."""

import os
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .fetch import Fetcher
from .models import Source
from .writer import Importer


class SourceError(Exception):
    """The source cannot be read at all: the command stops with this message."""


def _fetcher(options, hosts):
    if options.get("skip_images"):
        return None
    return Fetcher(
        [*hosts, *options.get("allow_host", [])], rate=options.get("rate", 4.0), robots=not options.get("no_robots")
    )


def _run(importer, options, body):
    importer.open_run(resume=not options.get("no_resume"))
    try:
        body(importer)
    except SourceError as error:
        importer.fail(str(error))
        raise
    return importer.finish()


def import_wordpress(path, options, stderr):
    from . import wordpress

    if not os.path.isfile(path):
        raise SourceError(_("Không có tệp “%(path)s”.") % {"path": path})
    try:
        site = wordpress.scan(path)
    except wordpress.WXRError as error:
        raise SourceError(str(error)) from None
    importer = Importer(
        Source.WORDPRESS,
        f"wordpress:{site.host or os.path.basename(path)}",
        os.path.abspath(path),
        fetcher=_fetcher(options, [site.host]),
        stderr=stderr,
        batch_size=options.get("batch_size", 100),
        sapo_prefixes=options.get("sapo_prefix", []),
    )
    if site.host:
        importer.old_hosts.add(site.host.removeprefix("www."))

    def body(importer):
        importer.import_categories(site.categories)
        try:
            importer.import_articles(wordpress.posts(path, site), total=site.posts, label=_("Bài"))
        except wordpress.WXRError as error:
            raise SourceError(str(error)) from None

    _run(importer, options, body)
    return importer


def import_nukeviet(location, options, stderr):
    from . import nukeviet

    return nukeviet.run(location, options, stderr, _fetcher, _run)


def import_crawl(start_url, options, stderr):
    from . import crawl

    if urlsplit(start_url).scheme not in ("http", "https"):
        raise SourceError(_("Trang bắt đầu phải là địa chỉ http(s)."))
    return crawl.run(start_url, options, stderr, _run)
