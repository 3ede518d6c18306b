"""Throw-away PostgreSQL and Redis servers for the service tests.

Each is started in a temporary folder on a free port on 127.0.0.1 and is
the only one a test stops, restarts or kills: the machine's own PostgreSQL
and Redis (which other applications and other people's test runs use) are
never touched.

PostgreSQL refuses to run as root, so when the tests run as root the
cluster belongs to the ``postgres`` system user (``runuser -u postgres``).
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout=30.0, what="service"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} did not come up within {timeout} s")


def port_open(port):
    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
        return True


def postgres_bin_dir():
    """The newest installed PostgreSQL's binaries (initdb, pg_ctl), or None."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = Path(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
        if (found / "initdb").exists():
            return found
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if installed:
        return installed[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """A PostgreSQL cluster of our own: ``initdb`` into a temporary folder,
    TCP on 127.0.0.1 only (no Unix socket), trust authentication for the
    ``postgres`` role."""

    def __init__(self):
        self.bin = postgres_bin_dir()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.as_user = []
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.dir, postgres.pw_uid, postgres.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def _run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)  # noqa: S603

    def init(self):
        self._run(
            str(self.bin / "initdb"),
            "--pgdata",
            str(self.data),
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )

    def _pg_ctl(self, action, *extra):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), action, "-D", str(self.data), "-l", str(self.log), "-o", options, *extra)

    def start(self):
        self._pg_ctl("start", "-w", "-t", "60")

    def restart(self):
        """A real restart: every connection is closed, the server is away for a moment."""
        self._pg_ctl("restart", "-m", "fast", "-w", "-t", "60")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "immediate", "-w", "-t", "60")

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def execute(self, sql, dbname="postgres"):
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname, autocommit=True) as db:
            cursor = db.execute(sql)
            return cursor.fetchall() if cursor.description else None


class RedisServer:
    """A redis-server of our own, on a free port, with a data folder of its own."""

    def __init__(self, folder, appendonly=False, appendfsync="everysec"):
        self.port = free_port()
        self.dir = Path(folder)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.appendonly = appendonly
        self.appendfsync = appendfsync
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes" if self.appendonly else "no",
                "--appendfsync",
                self.appendfsync,
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), what="redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def kill(self):
        """A crash: no chance to write anything on the way out."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
