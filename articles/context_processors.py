from django.utils.functional import SimpleLazyObject

from .categories import category_tree


def menu(request):
    """The main menu's categories, from the cached category tree (read only if a page shows the menu)."""
    return {"menu": SimpleLazyObject(lambda: category_tree().menu)}
