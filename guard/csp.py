"""What the admin's rich-text editor (django-prose-editor) needs beyond the
site-wide Content-Security-Policy, and no more:

- the import map its widget renders inline (via django-js-asset) is allowed
  by its SHA-256 hash, which admits exactly that text and no other script;
- on admin pages only, inline styles: the editor (ProseMirror) positions its
  menus and table handles with style attributes. Scripts stay strict there;
  public pages keep ``style-src 'self'``.

Listed after django-csp's middleware, so it sees the response first and
django-csp builds the header with these additions."""

import base64
import hashlib
import re

ADMIN_PREFIX = "/admin/"
IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


def _hash(script):
    return "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"


class EditorPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            return response
        update = {}
        hashes = sorted({_hash(script) for script in IMPORT_MAP.findall(response.content)})
        if hashes:
            update["script-src"] = hashes
        if request.path.startswith(ADMIN_PREFIX):
            update["style-src"] = ["'unsafe-inline'"]
        if update:
            response._csp_update = update
        return response
