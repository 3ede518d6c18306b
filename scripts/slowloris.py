"""Slow clients against a server on 127.0.0.1, bounded in time (make check-nginx).

    python scripts/slowloris.py PORT [CONNECTIONS=200] [SECONDS=30]

Opens CONNECTIONS connections that each send a request head one header line
every 5 seconds and never finish it (slowloris), and meanwhile asks for the
home page once a second. Exits 1 unless every page was answered within 5 s.
Only ever connects to 127.0.0.1.
"""

import contextlib
import socket
import sys
import time
import urllib.request


def main(port, connections=200, seconds=30.0):
    slow = []
    answered = asked = 0
    try:
        for _ in range(connections):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris\r\n")
            slow.append(sock)
        started = last_trickle = time.monotonic()
        while time.monotonic() - started < min(seconds, 60):
            if time.monotonic() - last_trickle >= 5:
                for sock in slow:
                    with contextlib.suppress(OSError):
                        sock.sendall(b"X-Slow: 1\r\n")
                last_trickle = time.monotonic()
            asked += 1
            begin = time.monotonic()
            probe = f"http://127.0.0.1:{port}/?slow-probe={asked}"
            with contextlib.suppress(OSError), urllib.request.urlopen(probe, timeout=5) as response:  # noqa: S310
                response.read()
                answered += response.status == 200
            time.sleep(max(0.0, 1 - (time.monotonic() - begin)))
    finally:
        for sock in slow:
            sock.close()
    print(f"{answered} of {asked} pages answered within 5 s while {connections} slow clients were connected")
    return answered == asked


if __name__ == "__main__":
    args = sys.argv[1:]
    ok = main(int(args[0]), int(args[1]) if len(args) > 1 else 200, float(args[2]) if len(args) > 2 else 30.0)
    sys.exit(0 if ok else 1)
