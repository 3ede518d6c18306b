"""The demo papers' printed issues, made from their own online articles.

Each page is drawn with Pillow the way a scanned page looks (masthead,
headlines, leads, columns of body text, the story's photo) and written as a
PDF with the page's words as an invisible text layer (editions/samples.py),
so the demo issue can be read, zoomed, searched and downloaded like a real
one. A Vietnamese font is taken from the system when there is one (DejaVu or
Liberation, as Debian installs them); without one, Pillow's own font draws
the words without their accents."""

import io
import textwrap
from pathlib import Path

from django.utils.html import strip_tags
from PIL import Image, ImageDraw, ImageFont

from newsroom.text import strip_accents

from .samples import BERLINER, SamplePage, make_pdf

PAGE_PIXELS = (1300, round(1300 * BERLINER[1] / BERLINER[0]))
MARGIN = 60
FONT_CANDIDATES = {
    "serif-bold": ("dejavu/DejaVuSerif-Bold.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "serif": ("dejavu/DejaVuSerif.ttf", "liberation/LiberationSerif-Regular.ttf"),
    "sans": ("dejavu/DejaVuSans.ttf", "liberation/LiberationSans-Regular.ttf"),
}
FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/local/share/fonts"))


class _Fonts:
    def __init__(self):
        self.vietnamese = True
        self.cache = {}

    def get(self, kind, size):
        key = (kind, size)
        if key not in self.cache:
            self.cache[key] = self._load(kind, size)
        return self.cache[key]

    def _load(self, kind, size):
        for folder in FONT_DIRS:
            for name in FONT_CANDIDATES[kind]:
                if (folder / name).is_file():
                    return ImageFont.truetype(str(folder / name), size)
        self.vietnamese = False
        return ImageFont.load_default(size)

    def text(self, value):
        return value if self.vietnamese else strip_accents(value)


def _wrap(draw, text, font, width):
    """Lines of ``text`` that fit ``width`` pixels."""
    average = max(1, draw.textlength("abcdefghij klmnopqrst", font=font) / 21)
    lines = []
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, max(8, int(width / average))) or [""]:
            lines.append(line)
    return lines


class PageDrawer:
    def __init__(self, publication_name, edition_name, issue_label):
        self.fonts = _Fonts()
        self.publication_name = publication_name
        self.edition_name = edition_name
        self.issue_label = issue_label

    def draw(self, number, stories, image_dir):
        """``stories``: articles for this page. Returns a SamplePage."""
        image = Image.new("RGB", PAGE_PIXELS, (250, 248, 242))
        draw = ImageDraw.Draw(image)
        width = PAGE_PIXELS[0] - 2 * MARGIN
        words = []
        y = self._masthead(draw, number, words)
        for index, article in enumerate(stories):
            if y > PAGE_PIXELS[1] - 450:  # no room for another story
                break
            lead_story = number == 1 and index == 0
            y = self._story(image, draw, article, y, width, lead_story, image_dir, words)
        draw.text(
            (PAGE_PIXELS[0] // 2, PAGE_PIXELS[1] - 40),
            str(number),
            font=self.fonts.get("sans", 22),
            fill=(60, 60, 60),
            anchor="mm",
        )
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80, optimize=True)
        return SamplePage(lines=words, jpeg=out.getvalue(), size=BERLINER)

    def _masthead(self, draw, number, words):
        t = self.fonts.text
        centre = PAGE_PIXELS[0] // 2
        if number == 1:
            name_font, line_font = self.fonts.get("serif-bold", 88), self.fonts.get("sans", 28)
            draw.text((centre, 100), t(self.publication_name.upper()), font=name_font, fill=(163, 23, 28), anchor="mm")
            line = f"{self.edition_name} – {self.issue_label}"
            draw.text((centre, 175), t(line), font=line_font, fill=(40, 40, 40), anchor="mm")
            draw.line((MARGIN, 210, PAGE_PIXELS[0] - MARGIN, 210), fill=(163, 23, 28), width=5)
            words += [self.publication_name, line]
            return 240
        header = f"{self.publication_name} – {self.issue_label}"
        draw.text((MARGIN, 50), t(header), font=self.fonts.get("sans", 22), fill=(80, 80, 80))
        draw.line((MARGIN, 85, PAGE_PIXELS[0] - MARGIN, 85), fill=(120, 120, 120), width=2)
        return 110

    def _story(self, image, draw, article, y, width, lead_story, image_dir, words):
        t = self.fonts.text
        title_font = self.fonts.get("serif-bold", 54 if lead_story else 40)
        for line in _wrap(draw, t(article.title), title_font, width):
            draw.text((MARGIN, y), line, font=title_font, fill=(20, 20, 20))
            y += title_font.size + 10
        words.append(article.title)
        y += 8
        photo = self._photo(article, image_dir)
        if photo is not None:
            height = min(420 if lead_story else 300, round(photo.height * width / photo.width))
            photo = photo.resize((width, round(photo.height * width / photo.width))).crop((0, 0, width, height))
            image.paste(photo, (MARGIN, y))
            y += height + 14
        lead_font = self.fonts.get("serif-bold", 26)
        for line in _wrap(draw, t(article.lead), lead_font, width):
            draw.text((MARGIN, y), line, font=lead_font, fill=(30, 30, 30))
            y += 34
        words.append(article.lead)
        body = " ".join(strip_tags(article.body.replace("</p>", "</p> ")).split())
        body_font = self.fonts.get("serif", 22)
        column = (width - 40) // 2
        rows = max(0, (PAGE_PIXELS[1] - 100 - y) // 29)
        lines = _wrap(draw, t(body), body_font, column)[: min(24, 2 * rows)]
        half = (len(lines) + 1) // 2
        top = y + 10
        for col, chunk in enumerate((lines[:half], lines[half:])):
            for row, line in enumerate(chunk):
                draw.text((MARGIN + col * (column + 40), top + row * 29), line, font=body_font, fill=(45, 45, 45))
        words.extend(textwrap.wrap(body, 90)[:12])
        y = top + half * 29 + 30
        draw.line((MARGIN, y - 12, PAGE_PIXELS[0] - MARGIN, y - 12), fill=(200, 200, 200), width=1)
        return y

    def _photo(self, article, image_dir):
        image = getattr(article, "featured_image", None)
        path = None
        if image is not None and getattr(image, "file", None):
            try:
                path = Path(image.file.path)
            except (NotImplementedError, ValueError):
                path = None
        if path is None or not path.is_file():
            return None
        with Image.open(path) as photo:
            return photo.convert("RGB")


def issue_pdf(publication_name, edition_name, issue_label, pages, image_dir=None):
    """The bytes of a demo issue: ``pages`` is a list of article lists, one
    per page."""
    drawer = PageDrawer(publication_name, edition_name, issue_label)
    return make_pdf([drawer.draw(n, stories, image_dir) for n, stories in enumerate(pages, start=1)])
