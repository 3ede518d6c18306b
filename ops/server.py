"""The gunicorn worker that slow clients cannot tie up (gunicorn.conf.py).

gunicorn's sync and gthread workers give a connection a process or a thread
as soon as its first byte arrives and keep it while the request head and body
trickle in: 200 clients sending a header line every few seconds hold every
worker, and the site stops answering (slowloris). This worker reads requests
the way nginx does in front of an application: an event loop (Tornado's
HTTP server, one per worker process) reads every connection's head and body
without a thread, and only a request that has arrived whole is handed to
Django, in a small pool of threads. The response is written back by the
event loop too, so a client that reads slowly does not hold a thread either.

Django itself stays synchronous WSGI (psycopg 3, SQLite, the view counters
and everything thread-safe in it work as under gunicorn's gthread worker);
each thread keeps its own persistent database connection.

Limits (environment variables, docs/deployment.md): a request head must
arrive within ``NEWSROOM_HEADER_SECONDS`` (a slow client is then
disconnected), a body within ``NEWSROOM_BODY_SECONDS``, and a body may be at
most ``NEWSROOM_MAX_BODY_BYTES``. The number of threads is gunicorn's
``threads`` setting.
"""

import concurrent.futures
import contextlib
import logging
import os
import time

import tornado.httpserver
from gunicorn.workers.gtornado import TornadoWorker
from tornado import httputil
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.wsgi import WSGIContainer

# A request head (and a kept-alive connection's next one) must arrive within
# this many seconds; nginx's client_header_timeout is 60.
HEADER_SECONDS = float(os.environ.get("NEWSROOM_HEADER_SECONDS", "20"))
# A request body must arrive within this many seconds (a 60 MB audio file on
# a slow newsroom line).
BODY_SECONDS = float(os.environ.get("NEWSROOM_BODY_SECONDS", "300"))
# The largest body accepted: the audio limit (NEWSROOM_AUDIO_MAX_BYTES,
# 60 MB) and a form's other fields.
MAX_BODY_BYTES = int(os.environ.get("NEWSROOM_MAX_BODY_BYTES", str(64 * 1024 * 1024)))
MAX_HEADER_BYTES = 64 * 1024

logger = logging.getLogger(__name__)


class DjangoContainer(WSGIContainer):
    """Tornado's WSGI adapter, counting the requests in flight (so a worker
    that is told to stop first finishes them) and tolerant of a ``Host``
    header whose port is not a number: Django answers that with a 400
    (newsroom.request_checks) instead of the adapter failing with a 500."""

    def __init__(self, application, executor):
        super().__init__(_trimmed_headers(application), executor=executor)
        self.in_flight = 0

    def environ(self, request):
        name, colon, port = request.host.partition(":")
        if colon and ":" not in port and not (port.isascii() and port.isdigit()):
            request.host = name  # the adapter's SERVER_NAME; Django reads HTTP_HOST and refuses it
        return super().environ(request)

    async def handle_request(self, request):
        self.in_flight += 1
        try:
            await super().handle_request(request)
        except Exception:
            # Whatever went wrong between Django and the socket, the client
            # gets an answer instead of a connection left hanging.
            logger.exception("Could not send the response to %s %s", request.method, request.uri)
            with contextlib.suppress(Exception):
                request.connection.write_headers(
                    httputil.ResponseStartLine("HTTP/1.1", 500, "Internal Server Error"),
                    httputil.HTTPHeaders({"Content-Length": "0", "Connection": "close"}),
                )
                request.connection.finish()
            request.connection.close()
        finally:
            self.in_flight -= 1


def _trimmed_headers(application):
    """What Tornado, stricter than gunicorn's own writer, needs from Django's
    responses: header values without white space around them (Django writes
    each Set-Cookie value with a leading space, ``cookie.output(header="")``),
    and no body at all for a HEAD request (the server, not Django, drops it;
    Tornado refuses to write one)."""

    def trimmed(environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, [(name, value.strip()) for name, value in headers], exc_info)

        response = application(environ, start)
        if environ["REQUEST_METHOD"] != "HEAD":
            return response
        for _chunk in response:  # let a streaming response run to its end
            pass
        if hasattr(response, "close"):
            response.close()
        return []

    return trimmed


class BufferingWorker(TornadoWorker):
    """gunicorn's Tornado worker with Django run in a thread pool, limits on
    slow and large requests, and a graceful stop that lets requests in
    flight finish (a recycled worker never cuts an editor's upload)."""

    def run(self):
        self.ioloop = IOLoop.current()
        self.alive = True
        self.server_alive = True
        self.stopping_since = None
        threads = max(1, self.cfg.threads)
        self.container = DjangoContainer(
            self.wsgi,
            concurrent.futures.ThreadPoolExecutor(max_workers=threads, thread_name_prefix="django"),
        )
        worker = self

        class Server(tornado.httpserver.HTTPServer):
            def on_close(self, server_conn):
                worker.handle_request()
                super().on_close(server_conn)

        self.server = Server(
            self.container,
            xheaders=False,  # X-Forwarded-* are Django's business (newsroom/http.py, SECURE_PROXY_SSL_HEADER)
            no_keep_alive=self.cfg.keepalive <= 0,
            idle_connection_timeout=HEADER_SECONDS,
            body_timeout=BODY_SECONDS,
            max_body_size=MAX_BODY_BYTES,
            max_header_size=MAX_HEADER_BYTES,
        )
        for listener in self.sockets:
            listener.setblocking(False)
            self.server.add_socket(listener)
        self.callbacks = [PeriodicCallback(self.watchdog, 1000), PeriodicCallback(self.heartbeat, 250)]
        for callback in self.callbacks:
            callback.start()
        self.ioloop.start()

    def heartbeat(self):
        """Once told to stop: stop accepting, let the requests in flight finish
        (at most graceful_timeout seconds), then stop the loop."""
        if self.alive:
            return
        if self.server_alive:
            self.server_alive = False
            self.stopping_since = time.monotonic()
            self.server.stop()
            return
        waited = time.monotonic() - self.stopping_since
        if self.container.in_flight and waited < self.cfg.graceful_timeout:
            return
        for callback in self.callbacks:
            callback.stop()
        self.container.executor.shutdown(wait=False, cancel_futures=True)
        self.ioloop.stop()
