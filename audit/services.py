"""One entry point for the audit log."""

from .models import AuditEntry

Action = AuditEntry.Action


def record(action, target, *, by=None, detail=""):
    """Add an entry for ``action`` done by ``by`` to ``target`` (a model
    instance). Call it inside the transaction of the action itself, so that
    the entry exists exactly when the action happened."""
    opts = target._meta
    return AuditEntry.objects.create(
        action=action,
        actor=by if by is not None and by.is_authenticated else None,
        target_type=f"{opts.app_label}.{opts.model_name}",
        target_id=str(target.pk or ""),
        target_repr=str(target)[:300],
        detail=detail,
    )
