"""The one inline script the admin carries: the import map that the rich-text
editor's widget (django-prose-editor, via django-js-asset) renders. Rather
than allow inline scripts, each page's import maps are allowed by their
SHA-256 hash in its Content-Security-Policy, which admits exactly that text
and nothing else. Listed after django-csp's middleware, so it sees the
response first and django-csp builds the header with the hashes added."""

import base64
import hashlib
import re

IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


def _hash(script):
    return "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"


class ImportMapHashMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            return response
        hashes = sorted({_hash(script) for script in IMPORT_MAP.findall(response.content)})
        if hashes:
            response._csp_update = {"script-src": hashes}
        return response
