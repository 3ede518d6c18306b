"""Real files for the image tests, made here in memory: nothing is checked in."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS = {1: "N", 2: (21.0, 23.0, 10.5), 3: "E", 4: (103.0, 1.0, 5.0)}  # Điện Biên Phủ
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>phong-vien-o-day</rdf:Description></x:xmpmeta>'
PHP = b"<?php system($_GET['c']); ?>"


def upload(data, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg(width=400, height=300, **save_options):
    """A JPEG with a blue band on the left third, so orientation can be seen."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, width // 3, height))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, **save_options)
    return out.getvalue()


def phone_jpeg(width=400, height=300):
    """Like a phone's photo: stored sideways with EXIF orientation 6 (turn
    90° clockwise to show), camera make and model, GPS position, XMP."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone X"
    exif[0x8825] = GPS
    return jpeg(width, height, exif=exif, xmp=XMP)


def php_jpeg():
    """A valid JPEG whose comment segment carries PHP."""
    return jpeg(comment=PHP)


def truncated_jpeg():
    data = jpeg(800, 600)
    return data[: len(data) // 2]


def png(width=300, height=200, mode="RGBA"):
    image = Image.new(mode, (width, height), (10, 120, 60, 128) if mode == "RGBA" else (10, 120, 60))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def webp(width=300, height=200):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 90, 10)).save(out, "WEBP")
    return out.getvalue()


def animated_gif(width=120, height=80, frames=3):
    images = [Image.new("RGB", (width, height), (i * 80, 200 - i * 60, 40)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], loop=0, duration=100)
    return out.getvalue()


def _chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_bomb(side=30000):
    """A 30000 × 30000 PNG (900 million pixels) of ~100 KB: one bit per pixel,
    all zeros, compressed. Decoding it would take about 900 MB."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row * 1000) for _ in range(side // 1000)]
    parts.append(compressor.flush())
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"".join(parts)) + _chunk(b"IEND", b"")


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)
HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def metadata_free(data):
    """True when an encoded image carries no EXIF, GPS, XMP or comment."""
    image = Image.open(io.BytesIO(data))
    return (
        not image.getexif()
        and not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info)
        and b"PhoneMaker" not in data
        and b"phong-vien-o-day" not in data
        and b"<?php" not in data
    )
