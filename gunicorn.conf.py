"""gunicorn's configuration: the one used by `make serve`, the service tests,
the benchmarks and docs/deployment.md. gunicorn reads ./gunicorn.conf.py by
itself when started from the project folder (`gunicorn newsroom.wsgi`).

- Workers read requests without tying up a thread (ops/server.py), so slow
  clients cannot take the site down; Django runs in `threads` threads per
  worker.
- Workers are recycled after about `max_requests` connections (with jitter,
  so they do not all restart at once): whatever memory a worker grew is
  given back. The heavy image work runs in a child process of its own
  (images/processing.py), so one upload does not grow a worker in the first
  place.
- X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies in
  NEWSROOM_TRUSTED_PROXIES, and X-Forwarded-Proto only with
  DJANGO_BEHIND_PROXY=true (newsroom/settings/production.py); gunicorn
  itself trusts no one unless told the same.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "ops.server.BufferingWorker"
threads = int(os.environ.get("NEWSROOM_WEB_THREADS", "4"))
max_requests = int(os.environ.get("NEWSROOM_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
timeout = 30
graceful_timeout = 30
keepalive = 5


def _trusted_proxies():
    if os.environ.get("DJANGO_BEHIND_PROXY", "").lower() not in {"1", "true", "yes", "on"}:
        return ""
    return ",".join(p.strip() for p in os.environ.get("NEWSROOM_TRUSTED_PROXIES", "").split(",") if p.strip())


# gunicorn's default is "127.0.0.1": it would set https from a local
# X-Forwarded-Proto even when the site is not behind a proxy.
forwarded_allow_ips = _trusted_proxies()

# gunicorn's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl):
# two servers on one machine (a test run beside `make serve`) would take it
# from each other. Nothing here uses it.
control_socket_disable = True
