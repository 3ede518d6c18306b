"""Copy the desk's screenshots from a browser test run into docs/img/,
cropped to what matters and reduced to 256 colours (a few tens of KB each).

    .venv/bin/python -m pytest tests/browser/test_desk.py tests/browser/test_autosave_presence.py \\
        tests/browser/test_editor_pictures.py tests/browser/test_admin_screens_fit.py
    .venv/bin/python scripts/desk_screenshots.py
"""

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "test-artifacts" / "screenshots"
TARGET = ROOT / "docs" / "img"

# docs name: (screenshot of the browser tests, crop box left, top, right, bottom)
SHOTS = {
    "desk-secretary.png": ("desk-secretary.png", (0, 0, 1280, 560)),
    "desk-reporter.png": ("desk-reporter.png", (0, 0, 1280, 430)),
    "desk-presence.png": ("desk-presence-held.png", (0, 0, 1280, 660)),
    "desk-image-picker.png": ("desk-image-picker.png", (230, 120, 1050, 800)),
    "desk-article-list-1024.png": ("desk-article-list-1024.png", (0, 0, 1024, 1200)),
}


def main():
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (source, box) in SHOTS.items():
        with Image.open(SOURCE / source) as image:
            crop = image.convert("RGB").crop(box).quantize(colors=256)
            crop.save(TARGET / name, optimize=True)
        print(f"docs/img/{name}: {(TARGET / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
