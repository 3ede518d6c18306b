"""A progress bar on stderr: a bar and a rate on a terminal, a plain line
every few seconds otherwise (a log file, a CI job)."""

import time


class Progress:
    def __init__(self, stream, total=None, label=""):
        self.stream = stream
        self.total = total
        self.label = label
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def step(self, n=1):
        self.done += n
        now = time.monotonic()
        if now - self.last >= (0.2 if self.tty else 10.0):
            self.last = now
            self.show(now)

    def line(self, now):
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * 30)
            bar = "#" * filled + "-" * (30 - filled)
            return f"{self.label} [{bar}] {share:4.0%} {self.done}/{self.total} · {rate:.1f} mục/giây"
        return f"{self.label} {self.done} mục · {rate:.1f} mục/giây"

    def show(self, now=None):
        text = self.line(now or time.monotonic())
        if self.tty:
            self.stream.write("\r" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self):
        self.show()
        if self.tty:
            self.stream.write("\n")
