"""A ``Host`` header whose port is not a TCP port (0, or past 65535) is
refused with a 400, like a host not in ALLOWED_HOSTS: Django's own check
reads the port as digits of any length (``127.0.0.1:99999999999`` passed it),
and such a host must never reach a link built from the request."""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port


def port_is_valid(host):
    _, port = split_domain_port(host)
    return not port or 1 <= int(port) <= 65535


class HostPortMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.META.get("HTTP_HOST", "")
        if host and not port_is_valid(host):
            raise DisallowedHost(f"Invalid port in HTTP_HOST header: {host!r}.")
        return self.get_response(request)
