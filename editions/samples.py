"""PDFs made by Newsroom itself: the demo issues, the tests and the benchmark.

A page is a picture (a JPEG drawn with Pillow, as a scanned page is) or
coloured boxes, with the page's words on top as *invisible* text, as an OCR
layer is: a viewer shows the picture and finds, selects and copies the
words. The words are written with a Type0 font whose two-byte codes are the
characters' own code points, and a ToUnicode map that says so, so any
Vietnamese text goes in without embedding a font file.

Nothing here reads a PDF; editions/pdf.py does that, for uploads.
"""

import io
import zlib
from dataclasses import dataclass, field

A4 = (595, 842)  # points
BERLINER = (907, 1332)  # 320 x 470 mm, the format of most Vietnamese provincial papers


@dataclass
class SamplePage:
    lines: list = field(default_factory=list)  # the words of the page (invisible text)
    jpeg: bytes = b""  # a picture covering the page
    boxes: list = field(default_factory=list)  # (x, y, w, h, (r, g, b)) in points, 0-1 colours
    size: tuple = A4


def _to_unicode_cmap():
    """Code = code point, for the whole Basic Multilingual Plane (one range
    per high byte: a range may not cross one)."""
    ranges = "\n".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in range(256))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Newsroom-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"256 beginbfrange\n{ranges}\nendbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")


def _text_hex(text):
    return "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF)


def _page_content(page):
    width, height = page.size
    ops = []
    if page.jpeg:
        ops.append(f"q {width} 0 0 {height} 0 0 cm /Im1 Do Q")
    for x, y, w, h, (r, g, b) in page.boxes:
        ops.append(f"q {r:.3f} {g:.3f} {b:.3f} rg {x} {y} {w} {h} re f Q")
    if page.lines:
        size = 11
        ops.append(f"BT 3 Tr /F1 {size} Tf {size + 3} TL 40 {height - 60} Td")
        ops.extend(f"<{_text_hex(line)}> Tj T*" for line in page.lines)
        ops.append("ET")
    return "\n".join(ops).encode("ascii")


class _Writer:
    def __init__(self):
        self.objects = []  # bytes of each object, numbered from 1

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def set(self, number, body):
        self.objects[number - 1] = body

    def add(self, body):
        number = self.reserve()
        self.set(number, body)
        return number

    def stream(self, data, extra=b"", compress=True):
        if compress:
            data = zlib.compress(data)
            extra += b" /Filter /FlateDecode"
        return self.add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")

    def write(self, root, out):
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1))
        out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
        out.write(
            b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(self.objects) + 1, root, xref)
        )


def _jpeg_size(data):
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size, image.mode


def make_pdf(pages, padding=0):
    """The bytes of a PDF of ``pages`` (SamplePage). ``padding`` adds that
    many bytes in an unused stream (a big file without big pages)."""
    writer = _Writer()
    cmap = writer.stream(_to_unicode_cmap())
    cid_font = writer.add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ArialUnicode"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor << /Type /FontDescriptor /FontName /ArialUnicode /Flags 32"
        b" /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
        b" /DW 500 /CIDToGIDMap /Identity >>"
    )
    font = writer.add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ArialUnicode /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, cmap)
    )
    pages_number = writer.reserve()
    kids = []
    for page in pages:
        resources = b"/Font << /F1 %d 0 R >>" % font
        if page.jpeg:
            (width, height), mode = _jpeg_size(page.jpeg)
            colour = b"/DeviceGray" if mode == "L" else b"/DeviceRGB"
            image = writer.stream(
                page.jpeg,
                b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s"
                b" /BitsPerComponent 8 /Filter /DCTDecode" % (width, height, colour),
                compress=False,
            )
            resources += b" /XObject << /Im1 %d 0 R >>" % image
        content = writer.stream(_page_content(page))
        kids.append(
            writer.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << %s >> /Contents %d 0 R >>"
                % (pages_number, page.size[0], page.size[1], resources, content)
            )
        )
    writer.set(
        pages_number,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)),
    )
    if padding:
        writer.stream(b"\0" * padding, compress=False)
    root = writer.add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_number)
    out = io.BytesIO()
    writer.write(root, out)
    return out.getvalue()
