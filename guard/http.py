"""Who is asking: the client's IP address, behind trusted proxies only.

``X-Forwarded-For`` is read only when the request comes from a proxy listed in
``NEWSROOM_TRUSTED_PROXIES`` (addresses or networks), and then from the right:
the first address that is not one of our proxies is the client. A reader who
sends a forged ``X-Forwarded-For`` straight to the app gets their own
``REMOTE_ADDR`` back, so rate limits and vote guards cannot be dodged that way.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=16)
def _networks(proxies):
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _parse(address):
    try:
        return ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address, networks):
    return address is not None and any(address in net for net in networks)


def from_trusted_proxy(request):
    """True when the request comes straight from one of our own proxies."""
    networks = _networks(tuple(settings.NEWSROOM_TRUSTED_PROXIES))
    return _is_trusted(_parse(request.META.get("REMOTE_ADDR", "")), networks)


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    if not from_trusted_proxy(request):
        return remote
    networks = _networks(tuple(settings.NEWSROOM_TRUSTED_PROXIES))
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage in the header: trust nothing further left
        if not _is_trusted(address, networks):
            return str(address)
    return remote
