from django import template

from .. import markup

register = template.Library()


@register.simple_tag
def video_player(video):
    """``{% video_player article.lead_video %}``: the accessible HTML5 player
    (videos/markup.py); nothing for a video that is not ready."""
    return markup.player(video)


@register.simple_tag
def video_print(video, address):
    return markup.print_figure(video, address)
