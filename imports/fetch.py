"""Polite HTTP for the importer: only the hosts the operator named, robots.txt
honoured, a rate limit shared by all threads, timeouts, a bounded body, and
redirects followed by hand (at most ``MAX_REDIRECTS``, never in a loop, never
to another host). Every refusal is a ``FetchError`` whose message is the
Vietnamese reason the report prints."""

import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from redirects.paths import normal_host

MAX_REDIRECTS = 5


class FetchError(Exception):
    pass


@dataclass
class Response:
    url: str  # the final address, after redirects
    status: int
    content_type: str
    body: bytes
    redirected_from: list = field(default_factory=list)

    @property
    def is_html(self):
        return self.content_type in ("text/html", "application/xhtml+xml")

    def text(self):
        return self.body.decode("utf-8", errors="replace")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx: followed by hand


class Fetcher:
    def __init__(self, allowed_hosts, *, rate=2.0, timeout=None, max_bytes=None, robots=True, user_agent=None):
        self.allowed_hosts = {normal_host(h) for h in allowed_hosts if h}
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.timeout = timeout or settings.NEWSROOM_IMPORT_TIMEOUT
        self.max_bytes = max_bytes or settings.NEWSROOM_IMPORT_MAX_BYTES
        self.robots = robots
        self.user_agent = user_agent or settings.NEWSROOM_IMPORT_USER_AGENT
        self._opener = urllib.request.build_opener(_NoRedirects)
        self._lock = threading.Lock()
        self._next_time = 0.0
        self._robots = {}
        self._robots_lock = threading.Lock()

    def allows_host(self, url):
        return normal_host(urlsplit(url).hostname or "") in self.allowed_hosts

    def check_url(self, url):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(_("Địa chỉ “%(url)s” không phải http(s).") % {"url": url})
        if not self.allows_host(url):
            raise FetchError(_("Máy chủ “%(host)s” không nằm trong danh sách được phép.") % {"host": parts.hostname})

    def _wait_turn(self):
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_time)
            self._next_time = start + self.interval
        if start > now:
            time.sleep(start - now)

    def _robot_rules(self, url):
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin in self._robots:
                return self._robots[origin]
        parser = urllib.robotparser.RobotFileParser()
        try:
            response = self._get_once(origin + "/robots.txt", self.max_bytes)
            lines = response.text().splitlines() if response.status == 200 else []
        except FetchError:
            lines = []
        parser.parse(lines)
        with self._robots_lock:
            self._robots[origin] = parser
        return parser

    def _get_once(self, url, max_bytes):
        self._wait_turn()
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})  # noqa: S310
        try:
            handle = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            if 300 <= error.code < 400 and error.headers.get("Location"):
                return Response(url, error.code, "", b"", [error.headers["Location"]])
            raise FetchError(_("Máy chủ trả lời lỗi %(code)s.") % {"code": error.code}) from None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise FetchError(_("Không tải được: %(reason)s.") % {"reason": reason}) from None
        with handle:
            length = handle.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    _("Quá lớn (%(size)s byte, giới hạn %(limit)s).") % {"size": length, "limit": max_bytes}
                )
            try:
                body = handle.read(max_bytes + 1)
            except (TimeoutError, OSError) as error:
                raise FetchError(_("Không tải được: %(reason)s.") % {"reason": error}) from None
            if len(body) > max_bytes:
                raise FetchError(_("Quá lớn (hơn %(limit)s byte).") % {"limit": max_bytes})
            content_type = (handle.headers.get_content_type() or "").lower()
            return Response(handle.geturl(), handle.status, content_type, body)

    def get(self, url, *, max_bytes=None):
        """The response for ``url`` after its redirects, or FetchError."""
        max_bytes = max_bytes or self.max_bytes
        seen = []
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self.check_url(current)
            if self.robots and not self._robot_rules(current).can_fetch(self.user_agent, current):
                raise FetchError(_("robots.txt của trang không cho đọc địa chỉ này."))
            if current in seen:
                raise FetchError(_("Chuyển hướng vòng tròn: %(urls)s.") % {"urls": " → ".join([*seen, current])})
            seen.append(current)
            response = self._get_once(current, max_bytes)
            if 300 <= response.status < 400:
                current = urljoin(current, response.redirected_from[0])
                continue
            response.redirected_from = seen[:-1]
            return response
        raise FetchError(_("Quá nhiều lần chuyển hướng (hơn %(n)s).") % {"n": MAX_REDIRECTS})
