"""Finding, creating and merging authors: plain functions the byline
migration, the admin and the importer (issue 21) call."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from audit.services import Action, record
from newsroom.text import fold

from .bylines import Kind
from .models import Author, PaymentDetails, PenName, name_key


def find_author(name):
    """The author printed under ``name`` (display name, pen name or real
    name; case and spacing aside, accents counting), or None. Two authors
    under the same name: the older one."""
    key = name_key(name)
    folded = fold(name)
    if not key or folded.strip() == "":
        return None
    candidates = Author.objects.filter(search_text__contains=folded).prefetch_related("pen_names").order_by("pk")
    for author in candidates:
        if key in {name_key(n) for n in [*author.names(), author.real_name] if n}:
            return author
    return None


def find_or_create_author(name, kind=""):
    """``(author, created)`` for a printed name. A new author's kind is the
    one the byline gave (“(CTV)”, “Theo …”), else collaborator: until the
    desk says he is staff, tax is withheld and payment details are asked
    for (docs/royalties.md)."""
    author = find_author(name)
    if author is not None:
        return author, False
    return Author.objects.create(name=name.strip(), kind=kind or Kind.COLLABORATOR), True


def _unique_sets(model, field_name):
    """The other fields of each uniqueness rule of ``model`` that includes
    ``field_name``."""
    sets = []
    for constraint in model._meta.constraints:
        unique = isinstance(constraint, models.UniqueConstraint) and constraint.condition is None
        if unique and field_name in constraint.fields:
            sets.append([f for f in constraint.fields if f != field_name])
    for fields in model._meta.unique_together:
        if field_name in fields:
            sets.append([f for f in fields if f != field_name])
    return sets


def _references():
    """(model, foreign key name) of every row elsewhere that points at an
    author (contributions, royalty sheets…), found through the model's
    relations so that this app needs to know none of them."""
    return [
        (relation.related_model, relation.field.name)
        for relation in Author._meta.related_objects
        if relation.one_to_many and relation.related_model is not PenName
    ]


def merge_problems(target, others):
    """Why merging ``others`` into ``target`` would lose something, as
    Vietnamese sentences (empty: it would not)."""
    everyone = [target, *others]
    problems = []
    users = {a.user_id for a in everyone if a.user_id}
    if len(users) > 1:
        problems.append(_("Các tác giả này gắn với những tài khoản khác nhau; hãy bỏ bớt tài khoản trước khi gộp."))
    with_details = PaymentDetails.objects.filter(author__in=everyone).count()
    if with_details > 1:
        problems.append(
            _("Nhiều tác giả trong số này có thông tin thanh toán; hãy giữ một bản, xóa các bản kia trước khi gộp.")
        )
    for model, fk in _references():
        for fields in _unique_sets(model, fk):
            rows = defaultdict(list)
            for obj in model.objects.filter(**{f"{fk}__in": everyone}).order_by("pk"):
                rows[tuple(getattr(obj, model._meta.get_field(f).attname) for f in fields)].append(obj)
            clashes = [objs for objs in rows.values() if len(objs) > 1]
            for objs in clashes:
                problems.append(
                    _("“%(rows)s” sẽ trùng nhau sau khi gộp, một dòng sẽ mất; hãy sửa trước khi gộp.")
                    % {"rows": "”, “".join(str(obj) for obj in objs)}
                )
    return problems


@transaction.atomic
def merge_authors(target, others, *, by):
    """Merge ``others`` (duplicates: “Q.Long” made by the byline migration)
    into ``target``: their contributions and every other reference move to
    ``target``, their names become its pen names, their account, payment
    details, bio and photo fill what ``target`` lacks. Refused, with nothing
    changed, when something would be lost (``merge_problems``)."""
    ids = sorted({a.pk for a in others} - {target.pk})
    if not ids:
        raise ValidationError(_("Hãy chọn ít nhất hai tác giả để gộp."))
    locked = {a.pk: a for a in Author.objects.select_for_update().filter(pk__in=[target.pk, *ids]).order_by("pk")}
    target = locked[target.pk]
    others = [locked[pk] for pk in ids if pk in locked]
    problems = merge_problems(target, others)
    if problems:
        raise ValidationError(problems)
    for model, fk in _references():
        model.objects.filter(**{f"{fk}__in": others}).update(**{fk: target})
    PaymentDetails.objects.filter(author__in=others).update(author=target)
    known = {name_key(n) for n in target.names()}
    for other in others:
        for name in other.names():
            if name_key(name) not in known:
                PenName.objects.create(author=target, name=name)
                known.add(name_key(name))
        if other.user_id and not target.user_id:
            target.user_id = other.user_id
            Author.objects.filter(pk=other.pk).update(user=None)
        for field in ("real_name", "bio", "photo_id"):
            if not getattr(target, field) and getattr(other, field):
                setattr(target, field, getattr(other, field))
    names = ", ".join(o.name for o in others)
    Author.objects.filter(pk__in=ids).delete()
    target.save()
    record(Action.MERGE_AUTHORS, target, by=by, detail=_("Gộp vào đây: %(names)s") % {"names": names})
    return target
