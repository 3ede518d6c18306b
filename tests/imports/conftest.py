import io

import pytest
from PIL import Image

from .server import Site


@pytest.fixture
def web():
    site = Site().start()
    yield site
    site.stop()


def jpeg(color=(200, 120, 40), size=(800, 600), gps=True):
    """A JPEG with a camera's EXIF, GPS position included."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 23.0, 10.0), 3: "E", 4: (103.0, 1.0, 5.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(color=(20, 120, 40)):
    out = io.BytesIO()
    Image.new("RGB", (640, 480), color).save(out, "PNG")
    return out.getvalue()
