"""Checking a printed issue's PDF and making its page images and text.

Pure functions on files, no database: they run in a child process
(editions/processing.py), so a PDF that crashes or hangs the renderer, or
makes it eat memory, takes down only that process.

Checks, in order, each cheap before the next: the size; ``%PDF-`` in the
first 1,024 bytes and ``%%EOF`` in the last 1,024 (a truncated upload has
none); pypdf parses it (not encrypted, at most the page limit); nothing in
it runs or opens anything (JavaScript, launch actions, attached files);
then PDFium renders each page (a page it cannot render is an error, never a
blank image) with a bounded size.

A problem is a ``PdfProblem(code, **params)``; the Vietnamese message for
each code is in editions/processing.py, where it is shown to the desk."""

import os
from pathlib import Path

from PIL import Image

from images.processing import encode

from .models import PAGE_FORMATS, PAGE_WIDTHS, READ, THUMB, ZOOM, Page

HEAD_BYTES = 1024
MAX_ASPECT = 4  # a page at most four times as tall as wide, or as wide as tall
FILE_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}

# Actions that run code or open something outside the PDF, and the keys
# that carry them (PDF 2.0, 12.6 and 7.11). Found anywhere, they are refused.
RUNNING_ACTIONS = {"/JavaScript": "javascript", "/Launch": "launch", "/ImportData": "launch", "/GoToE": "attachment"}
RUNNING_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/EmbeddedFiles": "attachment",
    "/EmbeddedFile": "attachment",
}


class PdfProblem(Exception):
    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def check_file(path, max_bytes):
    """The cheap checks on an uploaded file, before it is parsed."""
    size = os.path.getsize(path)
    if size > max_bytes:
        raise PdfProblem("too_big", size=size, limit=max_bytes)
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
        if b"%PDF-" not in head:
            raise PdfProblem("not_pdf")
        f.seek(max(0, size - HEAD_BYTES))
        if b"%%EOF" not in f.read():
            raise PdfProblem("truncated")


def _open(path):
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(path, strict=False)
        encrypted = reader.is_encrypted
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        raise PdfProblem("broken") from error
    if encrypted:
        raise PdfProblem("encrypted")
    return reader


def page_count(path):
    reader = _open(path)
    try:
        return len(reader.pages)
    except Exception as error:  # pypdf raises many kinds on a broken page tree
        raise PdfProblem("broken") from error


def running_content(path):
    """What in the PDF runs code or opens something: a sorted list of
    ``"javascript"``, ``"launch"``, ``"attachment"``. Every object reachable
    from the trailer is looked at once (annotations, form fields, the
    catalogue's OpenAction and name trees included)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = _open(path)
    found, seen = set(), set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            try:
                obj = obj.get_object()
            except Exception:  # noqa: S112  (a dangling reference: nothing there to run)
                continue
        if isinstance(obj, DictionaryObject):
            action = dict.get(obj, "/S")
            if action in RUNNING_ACTIONS:
                found.add(RUNNING_ACTIONS[action])
            found.update(RUNNING_KEYS[key] for key in obj if key in RUNNING_KEYS)
            stack.extend(dict.values(obj))
        elif isinstance(obj, ArrayObject):
            stack.extend(list.__iter__(obj))
    return sorted(found)


def check_pdf(path, max_bytes, max_pages):
    """Every check on one PDF; its number of pages."""
    check_file(path, max_bytes)
    count = page_count(path)
    if count == 0:
        raise PdfProblem("no_pages")
    if count > max_pages:
        raise PdfProblem("too_many_pages", pages=count, limit=max_pages)
    found = running_content(path)
    if found:
        raise PdfProblem("active_content", kinds=found)
    return count


def merge(paths, out_path):
    """One PDF of ``paths`` in order (one file per page uploaded)."""
    import pypdf

    writer = pypdf.PdfWriter()
    try:
        for path in paths:
            writer.append(str(path))
        with open(out_path, "wb") as out:
            writer.write(out)
    except Exception as error:
        raise PdfProblem("broken") from error


def render_pages(pdf_path, out_dir, files_dir_name, on_page=None):
    """Render every page of ``pdf_path`` into ``out_dir``: each width of
    PAGE_WIDTHS in WebP and JPEG (editions.models.Page.image_name), and
    return ``[{"number", "width", "height", "text"}]`` (sizes of the zoom
    image). ``on_page(n)`` is called after each page."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf_path))
    except pdfium.PdfiumError as error:
        raise PdfProblem("broken") from error
    pages = []
    try:
        for index in range(len(document)):
            number = index + 1
            try:
                page = document[index]
                width_pt, height_pt = page.get_size()
                if width_pt <= 0 or height_pt <= 0 or max(width_pt / height_pt, height_pt / width_pt) > MAX_ASPECT:
                    raise PdfProblem("odd_page", page=number)
                bitmap = page.render(scale=PAGE_WIDTHS[ZOOM] / width_pt, draw_annots=True, may_draw_forms=False)
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
                text = page.get_textpage().get_text_bounded()
                page.close()
            except pdfium.PdfiumError as error:
                raise PdfProblem("page_failed", page=number) from error
            _save_renditions(image, Path(out_dir), files_dir_name, number)
            pages.append({"number": number, "width": image.width, "height": image.height, "text": _clean_text(text)})
            image.close()
            if on_page:
                on_page(number)
    finally:
        document.close()
    return pages


def _save_renditions(image, out_dir, files_dir_name, number):
    for size in (ZOOM, READ, THUMB):  # each from the one before: fast, two images in memory
        width = PAGE_WIDTHS[size]
        if image.width != width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for extension in PAGE_FORMATS:
            name = Page.image_name(files_dir_name, number, size, extension)
            (out_dir / Path(name).name).write_bytes(encode(image, FILE_FORMATS[extension]))


def _clean_text(text):
    """PDFium's text: CRLF line ends, sometimes NULs or lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8").strip()
