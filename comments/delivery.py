"""What readers can see of the comments, and the comment form's hole
(delivery/, docs/caching.md).

- A comment that is or was approved (approval, an edit or reply on an
  approved one, its removal): that article's page. A pending, rejected or
  spam comment: nothing.
- The form's start time (its spam guard: a form sent sooner than
  NEWSROOM_COMMENT_MIN_SECONDS after it was opened is refused) is a hole,
  signed now for every reader of a cached page.
"""

from django.db.models.signals import post_init

from delivery import holes, scopes
from delivery.watch import watch

from .forms import started_token
from .models import Comment

APPROVED = Comment.Status.APPROVED


def _remember_status(sender, instance, **kwargs):
    instance._delivery_was_approved = instance.__dict__.get("status") == APPROVED


def comment_touches(comment):
    if comment.status == APPROVED or getattr(comment, "_delivery_was_approved", False):
        comment._delivery_was_approved = comment.status == APPROVED
        return [scopes.article(comment.article_id)]
    return []


def fill_started(request, response, arg):
    return started_token(int(arg))


def connect():
    post_init.connect(_remember_status, sender=Comment, dispatch_uid="delivery-comment-status", weak=False)
    watch(Comment, comment_touches)
    holes.register("comment-started", fill_started)
