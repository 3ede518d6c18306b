"""Variants of one address (docs/caching.md): a registered function
``fn(request) -> str`` returns a short name of the variant this reader gets
("" for the default), and the page cache keeps one entry per variant. For
instance the light edition (``?nhe=1``, remembered by a cookie) registers
one from its AppConfig.ready(). A cookie a variant reads must not be listed
in NEWSROOM_PERSONAL_COOKIES (that would bypass the cache instead)."""

_registry = []


def register(fn):
    if fn not in _registry:
        _registry.append(fn)
    return fn


def unregister(fn):
    if fn in _registry:
        _registry.remove(fn)


def of(request):
    return "|".join(fn(request) or "" for fn in _registry)
