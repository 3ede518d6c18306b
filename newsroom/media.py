"""Serving MEDIA_ROOT from Django (development and `make serve` only; a
newsroom's web server or CDN serves it in production, with the same rules):
no hidden files, no way out of the folder, nosniff on every answer."""

from django.conf import settings
from django.http import Http404
from django.views.static import serve


def serve_media(request, path):
    if any(part.startswith(".") for part in path.replace("\\", "/").split("/")):
        raise Http404  # dotfiles and "..": never served
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:  # a name too long for the file system, a NUL byte
        raise Http404 from error
