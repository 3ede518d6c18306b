"""Requests refused before any view sees them, with the 400 page (404 where
said):

- a ``Host`` header whose port is not a TCP port (0, or past 65535): Django's
  own check reads the port as digits of any length (``127.0.0.1:99999999999``
  passed it), and such a host must never reach a link built from the request;
- in the admin: a NUL character in the path or the query string: no
  address or filter there has one, PostgreSQL cannot compare text with it (a
  list filter ``?status__exact=%00`` was a 500), and form fields already
  refuse it (Django's ProhibitNullCharactersValidator); the public pages read
  their few parameters themselves (search takes a NUL as a space);
- a number longer than 18 digits (past the database's 64-bit integers) as a
  query-string value or in an admin address, a 404 (no page or object has
  such a number): Django guards its own integer
  lookups, but not a foreign key's (``?category=99…9``, the view counts'
  ``/admin/counters/articleviewcount/99…9/change/``), ``__in`` or ``__year``,
  and SQLite then fails with an overflow; likewise an admin form field whose
  whole value is such a number (a group's ``permissions=99…9``), a 400;
- in the admin: a query-string value longer than ``MAX_QUERY_VALUE``
  characters: no search, filter or return address there needs one, and a
  search of 2,000 words built an SQL expression SQLite refuses (and
  PostgreSQL would spend seconds on); public search cuts a long query itself,
  with a message.
"""

import re

from django.core.exceptions import BadRequest, DisallowedHost
from django.http import Http404
from django.http.request import split_domain_port

ADMIN = "/admin/"
MAX_QUERY_VALUE = 1000  # characters
TOO_LONG_NUMBER = re.compile(r"\d{19}")
WHOLE_LONG_NUMBER = re.compile(r"[-+]?\d{19,}")


def port_is_valid(host):
    _, port = split_domain_port(host)
    return not port or 1 <= int(port) <= 65535


class RequestChecksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.META.get("HTTP_HOST", "")
        if host and not port_is_valid(host):
            raise DisallowedHost(f"Invalid port in HTTP_HOST header: {host!r}.")
        if request.path.startswith(ADMIN):
            self.check_admin_address(request)
        elif TOO_LONG_NUMBER.search(request.META.get("QUERY_STRING", "")) and any(
            TOO_LONG_NUMBER.search(v) for v in request.GET.values()
        ):
            raise Http404("No page has such a number.")
        return self.get_response(request)

    @staticmethod
    def check_admin_address(request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            raise BadRequest("NUL character in the address.")
        if len(query) > MAX_QUERY_VALUE and any(len(v) > MAX_QUERY_VALUE for v in request.GET.values()):
            raise BadRequest("A query-string value is too long.")
        if TOO_LONG_NUMBER.search(request.path) or (
            TOO_LONG_NUMBER.search(query) and any(TOO_LONG_NUMBER.search(v) for v in request.GET.values())
        ):
            raise Http404("No object has such a number.")
        if request.method == "POST" and any(
            WHOLE_LONG_NUMBER.fullmatch(value.strip()) for _name, values in request.POST.lists() for value in values
        ):
            raise BadRequest("A form field holds a number past 64 bits.")
