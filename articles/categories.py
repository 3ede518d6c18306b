"""The category tree, read once and cached: the menu, breadcrumbs and
"this category and its sub-categories" all come from it without a query per
level. Category saves and deletes bump the "site" scope (articles/delivery.py)."""

from dataclasses import dataclass, field

from delivery import data, scopes


@dataclass
class CategoryTree:
    categories: list
    by_id: dict = field(init=False)
    by_slug: dict = field(init=False)
    children: dict = field(init=False)

    def __post_init__(self):
        self.by_id = {c.pk: c for c in self.categories}
        self.by_slug = {c.slug: c for c in self.categories}
        self.children = {}
        for c in self.categories:
            self.children.setdefault(c.parent_id, []).append(c)

    @property
    def menu(self):
        """Top-level categories shown in the menu, each with ``menu_children``."""
        items = []
        for c in self.children.get(None, []):
            if c.show_in_menu:
                c.menu_children = [k for k in self.children.get(c.pk, []) if k.show_in_menu]
                items.append(c)
        return items

    @property
    def home_blocks(self):
        return [c for c in self.categories if c.show_on_home]

    def descendant_ids(self, pk):
        ids, stack = [], [pk]
        while stack:
            current = stack.pop()
            if current in ids:
                continue
            ids.append(current)
            stack.extend(c.pk for c in self.children.get(current, []))
        return ids

    def ancestors(self, category):
        """From the top level down to ``category``'s parent."""
        chain, seen = [], set()
        current = self.by_id.get(category.parent_id)
        while current is not None and current.pk not in seen:
            seen.add(current.pk)
            chain.append(current)
            current = self.by_id.get(current.parent_id)
        return list(reversed(chain))


def category_tree():
    """Every category, cached under the "site" scope (menus; a category's
    save bumps it: articles/delivery.py)."""
    from .models import Category

    return data.cached(
        None, "category-tree", [scopes.SITE], lambda: CategoryTree(list(Category.objects.order_by("position", "name")))
    )
