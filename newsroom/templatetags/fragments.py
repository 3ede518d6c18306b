"""``{% fragment "name" part … %}…{% endfragment %}``: the rendered HTML of
the enclosed template, kept in the fragment cache (newsroom/fragments.py)
under the name, the parts and the content generation. Staff bypass it."""

from django import template

from newsroom import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        return fragments.cached(
            context.get("request"), "html:" + self.name.resolve(context), lambda: self.nodelist.render(context), *parts
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist)
