"""Watchers: an app says which saves and deletes of its models readers can
see, and which scopes they touch (docs/caching.md)::

    watch(Poll, lambda poll: [scopes.SITE])
    watch(Comment, lambda comment: [scopes.article(comment.article_id)] if comment.shown_or_was_shown else [])

``touched(instance)`` returns the scope names to bump (an empty list: no
reader sees this change, nothing is emptied). Signals, not calls in each
service, on purpose: the admin, services, fixtures and the shell all save
through the ORM, and a missed call site would show a stale page. Writes by
``.update()`` send no signal and call ``scopes.bump`` themselves."""

from django.db.models.signals import post_delete, post_save

from . import scopes


def watch(model, touched):
    def receiver(sender, instance, **kwargs):
        scopes.bump(*touched(instance))

    uid = f"delivery-{model._meta.label_lower}"
    post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save", weak=False)
    post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
    return receiver


def site(instance):
    return [scopes.SITE]


def listings(instance):
    return [scopes.LISTINGS]
