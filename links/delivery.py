"""The links widget is in every page's sidebar: a group, link or banner change touches the site."""

from delivery.watch import site, watch

from .models import Banner, Link, LinkGroup


def connect():
    for model in (LinkGroup, Link, Banner):
        watch(model, site)
