"""The worker's request bodies (ops/server.py): read into a temporary file
beyond 1 MB, so memory stays bounded whatever the size; at most
NEWSROOM_MAX_BODY_BYTES, except a POST to the video upload, which may send
NEWSROOM_VIDEO_MAX_BODY_BYTES. Run with Tornado's server in a thread, the
way the worker runs it, in front of a small WSGI application."""

import asyncio
import concurrent.futures
import hashlib
import http.client
import socket
import threading

import pytest
from tornado.ioloop import IOLoop

from ops import server

CHUNK = b"\x5a" * (1024 * 1024)


def echo(environ, start_response):
    """Answers with the body's length, its SHA-256 and whether it was a file."""
    stream = environ["wsgi.input"]
    digest, size = hashlib.sha256(), 0
    length = int(environ.get("CONTENT_LENGTH") or 0)
    while size < length:
        block = stream.read(min(1 << 20, length - size))
        if not block:
            break
        digest.update(block)
        size += len(block)
    on_disk = bool(getattr(getattr(stream, "_file", None), "name", None)) and not hasattr(stream._file, "getvalue")
    body = f"{size} {digest.hexdigest()} {on_disk}".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


@pytest.fixture
def address(monkeypatch):
    monkeypatch.setattr(server, "VIDEO_MAX_BODY_BYTES", 96 * 1024 * 1024)
    started = threading.Event()
    state = {}

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = IOLoop.current()
        container = server.DjangoContainer(echo, concurrent.futures.ThreadPoolExecutor(max_workers=2))
        http_server = server.SpoolingHTTPServer(container, max_body_size=8 * 1024 * 1024, body_timeout=60)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        http_server.add_socket(sock)
        state.update(loop=loop, port=sock.getsockname()[1], server=http_server)
        started.set()
        loop.start()
        http_server.stop()
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    yield "127.0.0.1", state["port"]
    state["loop"].add_callback(state["loop"].stop)
    thread.join(10)


def post(address, path, megabytes):
    connection = http.client.HTTPConnection(*address, timeout=60)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Length", str(megabytes * len(CHUNK)))
        connection.endheaders()
        try:
            for _ in range(megabytes):
                connection.send(CHUNK)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before the whole body was sent
        response = connection.getresponse()
        return response.status, response.read().decode()
    except (ConnectionResetError, http.client.RemoteDisconnected):
        return None, ""
    finally:
        connection.close()


def test_a_small_body_stays_in_memory(address):
    status, text = post(address, "/binh-luan/", 0)
    assert status == 200 and text.startswith("0 ")
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.request("POST", "/x/", body=b"noi=dung", headers={"Content-Type": "application/x-www-form-urlencoded"})
    size, _digest, on_disk = connection.getresponse().read().decode().split()
    assert size == "8" and on_disk == "False"


def test_a_large_video_upload_goes_through_a_file_and_memory_stays_bounded(address):
    status, text = post(address, "/admin/videos/video/add/", 80)
    assert status == 200
    size, digest, on_disk = text.split()
    assert int(size) == 80 * len(CHUNK)
    assert digest == hashlib.sha256(CHUNK * 80).hexdigest()
    assert on_disk == "True"  # the worker held at most SPOOL_BYTES (1 MB) of it in memory


def test_the_larger_limit_is_only_for_the_video_upload(address):
    status, _ = post(address, "/admin/images/image/add/", 16)
    assert status != 200  # over the ordinary limit: refused, not read
    status, _ = post(address, "/admin/videos/video/add/", 120)
    assert status != 200  # over the video limit too
