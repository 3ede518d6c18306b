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
most ``NEWSROOM_MAX_BODY_BYTES`` — except on the video library's upload
(``LARGE_BODY_PATHS``), where it may be ``NEWSROOM_VIDEO_MAX_BODY_BYTES``.
The number of threads is gunicorn's ``threads`` setting.

Memory: a request body is read into a ``SpooledTemporaryFile``: in memory up
to ``NEWSROOM_SPOOL_BYTES`` (1 MB), on disk (the temporary folder) beyond,
and handed to Django as ``wsgi.input``. A worker therefore holds at most
about 1 MB per request being received, whether the body is a comment or a
500 MB video.
"""

import concurrent.futures
import contextlib
import logging
import os
import tempfile
import time

import tornado.httpserver
from gunicorn.workers.gtornado import TornadoWorker
from tornado import httputil, netutil
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
# The video library's upload (docs/multimedia.md): a video of at most
# NEWSROOM_VIDEO_MAX_BYTES (500 MB) and the form's other fields. Only a POST
# to exactly these paths may send that much; nginx's client_max_body_size
# for the same location says the same (deploy/nginx-newsroom.conf).
VIDEO_MAX_BODY_BYTES = int(os.environ.get("NEWSROOM_VIDEO_MAX_BODY_BYTES", str(520 * 1024 * 1024)))
LARGE_BODY_PATHS = frozenset({"/admin/videos/video/add/"})
# A body larger than this goes to a temporary file instead of memory.
SPOOL_BYTES = int(os.environ.get("NEWSROOM_SPOOL_BYTES", str(1024 * 1024)))

logger = logging.getLogger(__name__)


class DjangoContainer(WSGIContainer):
    """Tornado's WSGI adapter, counting the requests in flight (so a worker
    that is told to stop first finishes them) and tolerant of a ``Host``
    header whose port is not a number: Django answers that with a 400
    (guard.request_checks) instead of the adapter failing with a 500."""

    def __init__(self, application, executor):
        super().__init__(_trimmed_headers(application), executor=executor)
        self.in_flight = 0

    def environ(self, request):
        name, colon, port = request.host.partition(":")
        if colon and ":" not in port and not (port.isascii() and port.isdigit()):
            request.host = name  # the adapter's SERVER_NAME; Django reads HTTP_HOST and refuses it
        environ = super().environ(request)
        body = getattr(request, "body_file", None)
        if body is not None:  # read by SpoolingAdapter: the body is in this file, not in request.body
            environ["wsgi.input"] = body
            environ["CONTENT_LENGTH"] = str(request.body_size)
        return environ

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
            body = getattr(request, "body_file", None)
            if body is not None:
                body.close()  # a file on disk is removed now


class SpoolingAdapter(httputil.HTTPMessageDelegate):
    """Reads one request for the container like Tornado's own adapter, but
    writes the body into a SpooledTemporaryFile (memory up to SPOOL_BYTES,
    then disk) instead of one bytes object, and lets a POST to
    LARGE_BODY_PATHS send up to VIDEO_MAX_BODY_BYTES."""

    def __init__(self, request_callback, request_conn):
        self.connection = request_conn
        self.request_callback = request_callback
        self.request = None
        self.body = None
        self.size = 0

    def headers_received(self, start_line, headers):
        self.request = httputil.HTTPServerRequest(connection=self.connection, start_line=start_line, headers=headers)
        if start_line.method == "POST" and start_line.path.split("?", 1)[0] in LARGE_BODY_PATHS:
            self.connection.set_max_body_size(VIDEO_MAX_BODY_BYTES)
        self.body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, prefix="newsroom-body-")  # noqa: SIM115
        return None

    def data_received(self, chunk):
        self.body.write(chunk)
        self.size += len(chunk)
        return None

    def finish(self):
        self.body.seek(0)
        self.request.body = b""
        self.request.body_file, self.request.body_size = self.body, self.size
        self.body = None  # the container closes it after the response
        self.request_callback(self.request)

    def on_connection_close(self):
        if self.body is not None:
            self.body.close()
            self.body = None


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


class SpoolingHTTPServer(tornado.httpserver.HTTPServer):
    """Tornado's HTTP server with request bodies read by SpoolingAdapter."""

    def start_request(self, server_conn, request_conn):
        return SpoolingAdapter(self.request_callback, request_conn)


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

        class Server(SpoolingHTTPServer):
            def on_close(self, server_conn):
                worker.handle_request()
                super().on_close(server_conn)

        self.server = Server(
            self.container,
            xheaders=False,  # X-Forwarded-* are Django's business (guard/http.py, SECURE_PROXY_SSL_HEADER)
            no_keep_alive=self.cfg.keepalive <= 0,
            idle_connection_timeout=HEADER_SECONDS,
            body_timeout=BODY_SECONDS,
            max_body_size=MAX_BODY_BYTES,
            max_header_size=MAX_HEADER_BYTES,
        )
        # Accept one connection per wake-up, not up to 128: the workers share
        # one listening socket, and a burst of new connections (a proxy
        # opening its pool, a load test) otherwise all go to whichever worker
        # woke first, which then serves them on one core while the other
        # idles (make bench saw half the throughput in about one run in six,
        # docs/performance.md). Tornado reads this module constant in its
        # accept loop (netutil.add_accept_handler) and offers no parameter.
        netutil._DEFAULT_BACKLOG = 1
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
