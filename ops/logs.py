"""Structured logs: one JSON object per line on stdout.

Every request gets an id (``X-Request-ID`` from a trusted proxy, otherwise a
new one), returned in the response header and attached to every log record
written while the request runs, so an error's traceback and the request line
can be matched. What is logged is chosen field by field: method, path (without
the query string), status, duration, user id — never request bodies, cookies,
query strings, e-mail addresses or passwords.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from guard.http import from_trusted_proxy

request_id_var = contextvars.ContextVar("request_id", default="-")
access_logger = logging.getLogger("newsroom.request")

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("method", "path", "status", "duration_ms", "user_id")

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "message": record.getMessage(),
        }
        for field in self.FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _incoming_id(request):
    """A proxy's X-Request-ID is kept only from a trusted proxy and when tame."""
    candidate = request.META.get("HTTP_X_REQUEST_ID", "")
    if candidate and _VALID_ID.match(candidate) and from_trusted_proxy(request):
        return candidate
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """Gives each request an id and writes one access-log line for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = _incoming_id(request)
        token = request_id_var.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            user = getattr(request, "user", None)
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
