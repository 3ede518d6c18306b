"""Turning uploaded PDFs into an issue's files, in a child process.

``run()`` starts a fresh Python process (``spawn``) that checks the PDFs,
joins them into one when there are several, and renders every page
(editions/pdf.py) into a work folder, writing how many pages are done as it
goes. The parent reports that progress and waits, at most
``NEWSROOM_PRINT_TIMEOUT`` seconds. The child's address space is limited to
``NEWSROOM_PRINT_MEMORY_MB``. Whatever the PDF does to the renderer — a
crash, a hang, a memory bomb — the child dies, not the worker, and the desk
gets a message in Vietnamese (``message()``).

Nothing here touches the database: editions/services.py does, around it.
"""

import json
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "too_big": _("Tệp PDF nặng %(size)s, quá giới hạn %(limit)s."),
    "not_pdf": _("Tệp tải lên không phải là tệp PDF."),
    "truncated": _("Tệp PDF bị cắt cụt (có thể chưa tải lên hết). Hãy tải lên lại."),
    "broken": _("Tệp PDF bị hỏng, không đọc được."),
    "encrypted": _("Tệp PDF được mã hóa hoặc đặt mật khẩu. Hãy xuất lại PDF không đặt mật khẩu rồi tải lên."),
    "no_pages": _("Tệp PDF không có trang nào."),
    "too_many_pages": _("Số báo có %(pages)s trang, quá giới hạn %(limit)s trang."),
    "active_content": _(
        "Tệp PDF có %(kinds)s: báo in không được chứa những thứ này. "
        "Hãy xuất lại PDF ở chế độ để in (PDF/X) rồi tải lên."
    ),
    "odd_page": _("Trang %(page)s có khổ bất thường (dài hoặc rộng quá bốn lần chiều kia)."),
    "page_failed": _("Không vẽ được trang %(page)s: tệp PDF bị hỏng."),
    "crashed": _("Trình đọc PDF dừng đột ngột khi xử lý tệp này (tệp hỏng hoặc quá phức tạp)."),
    "memory": _("Tệp PDF cần quá nhiều bộ nhớ để xử lý."),
    "timeout": _("Xử lý tệp PDF quá %(minutes)s phút nên đã dừng."),
}
KINDS = {
    "javascript": _("mã JavaScript"),
    "launch": _("lệnh mở chương trình hoặc tệp khác"),
    "attachment": _("tệp đính kèm"),
}

PROGRESS_FILE = "progress.json"
RESULT_FILE = "result.json"
POLL_SECONDS = 0.25


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pages: int
    memory_mb: int
    timeout: int

    @classmethod
    def from_settings(cls):
        from django.conf import settings

        return cls(
            max_bytes=settings.NEWSROOM_PRINT_MAX_BYTES,
            max_pages=settings.NEWSROOM_PRINT_MAX_PAGES,
            memory_mb=settings.NEWSROOM_PRINT_MEMORY_MB,
            timeout=settings.NEWSROOM_PRINT_TIMEOUT,
        )


class ProcessingFailed(Exception):
    """The upload cannot become an issue; ``str()`` is the desk's message."""

    def __init__(self, code, filename="", **params):
        self.code, self.filename, self.params = code, filename, params
        super().__init__(code)

    def __str__(self):
        return message(self.code, self.filename, **self.params)


def message(code, filename="", **params):
    if code == "too_big":
        params = {"size": filesizeformat(params["size"]), "limit": filesizeformat(params["limit"])}
    elif code == "active_content":
        params = {"kinds": get_text_list([str(KINDS[k]) for k in params["kinds"]], _("và"))}
    text = str(MESSAGES[code]) % params
    if filename:
        text = _("Tệp “%(name)s”: %(message)s") % {"name": filename, "message": text}
    return text


def run(sources, names, work_dir, files_dir_name, limits, on_progress=None):
    """Check and render ``sources`` (paths, in page order; ``names`` are the
    uploaded file names, for messages) into ``work_dir / "files"``. Return
    ``(pages, pdf_name)``: a dict per page (number, width, height, text) and
    the whole issue's PDF in that folder. Raise ProcessingFailed."""
    work_dir = Path(work_dir)
    (work_dir / "files").mkdir(parents=True, exist_ok=True)
    context = multiprocessing.get_context("spawn")
    child = context.Process(
        target=_child,
        args=([str(s) for s in sources], list(names), str(work_dir), files_dir_name, limits),
        name="newsroom-print-issue",
    )
    child.start()
    deadline = time.monotonic() + limits.timeout
    reported = None
    try:
        while True:
            child.join(POLL_SECONDS)
            progress = _read_json(work_dir / PROGRESS_FILE)
            if progress and progress != reported and on_progress:
                on_progress(progress["done"], progress["total"])
                reported = progress
            if child.exitcode is not None:
                break
            if time.monotonic() > deadline:
                raise ProcessingFailed("timeout", minutes=max(1, round(limits.timeout / 60)))
    finally:
        if child.exitcode is None:
            child.kill()
            child.join()
        child.close()
    result = _read_json(work_dir / RESULT_FILE)
    if result is None:  # killed by a signal (a crash in PDFium) or died before writing
        raise ProcessingFailed("crashed")
    if "error" in result:
        raise ProcessingFailed(result["error"], result.get("filename", ""), **result.get("params", {}))
    return result["pages"], result["pdf"]


def _read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path, value):
    tmp = Path(f"{path}.tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)  # the parent never reads half a file


def _limit_memory(memory_mb):
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(sources, names, work_dir, files_dir_name, limits):
    """The child process: every check, then every page. Writes its result
    (or the first problem) as JSON; exits 0 either way."""
    import django

    django.setup()
    from . import pdf

    work_dir = Path(work_dir)
    out_dir = work_dir / "files"
    current = ""
    try:
        _limit_memory(limits.memory_mb)
        total_bytes = sum(os.path.getsize(s) for s in sources)
        if total_bytes > limits.max_bytes:
            raise pdf.PdfProblem("too_big", size=total_bytes, limit=limits.max_bytes)
        total = 0
        for source, name in zip(sources, names, strict=True):
            current = name if len(sources) > 1 else ""
            total += pdf.check_pdf(source, limits.max_bytes, limits.max_pages)
        current = ""
        if total > limits.max_pages:
            raise pdf.PdfProblem("too_many_pages", pages=total, limit=limits.max_pages)
        _write_json(work_dir / PROGRESS_FILE, {"done": 0, "total": total})
        pdf_name = "bao-in.pdf"
        if len(sources) == 1:
            try:
                os.link(sources[0], out_dir / pdf_name)  # the checked upload itself, no copy
            except OSError:  # another file system
                shutil.copyfile(sources[0], out_dir / pdf_name)
        else:
            pdf.merge(sources, out_dir / pdf_name)
        pages = pdf.render_pages(
            out_dir / pdf_name,
            out_dir,
            files_dir_name,
            on_page=lambda n: _write_json(work_dir / PROGRESS_FILE, {"done": n, "total": total}),
        )
        if len(pages) != total:
            raise pdf.PdfProblem("broken")
        _write_json(work_dir / RESULT_FILE, {"pages": pages, "pdf": pdf_name})
    except pdf.PdfProblem as problem:
        _write_json(work_dir / RESULT_FILE, {"error": problem.code, "filename": current, "params": problem.params})
    except MemoryError:
        _write_json(work_dir / RESULT_FILE, {"error": "memory"})
