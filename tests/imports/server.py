"""A local HTTP server for the importer's tests (ports 8121-8129): serves a
dict of routes, each ``path → (status, headers, body)``."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTS = range(8121, 8130)


class Site:
    def __init__(self):
        self.routes = {}
        self.delays = {}
        self.hits = []
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, path, body=b"", status=200, content_type="text/html; charset=utf-8", headers=None, delay=0):
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, body)
        if delay:
            self.delays[path] = delay

    def redirect(self, path, to, status=301):
        self.routes[path] = (status, {"Location": to}, b"")

    def start(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                site.hits.append(self.path)
                if self.path in site.delays:
                    time.sleep(site.delays[self.path])
                status, headers, body = site.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port in 8121-8129")
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
