"""Printable badges as PDF: eight per A4 page, two across and four down.

Each badge is 105 × 74.25 mm, a quarter of an A4 half, the size of common
pre-cut badge sheets; light dashed lines show where to cut plain paper. A
badge shows the event's title, the person's name, organisation and country,
and a QR code of the registration code with the code printed under it, so
that check-in works with a camera or by typing.

Names come from everywhere: text is written with a Unicode TrueType font.
DejaVu Sans (Debian's fonts-dejavu-core) covers Latin, Greek, Cyrillic,
Arabic, Hebrew and more; a CJK font such as Noto Sans CJK or WenQuanYi, when
installed, is added as a fallback for Chinese, Japanese and Korean names.
Arabic and Hebrew letters are joined and ordered right to left when the
optional `uharfbuzz` package is installed; without it they are only put in
right-to-left order. Without any TrueType font, the PDF falls back to
Helvetica and characters outside Latin-1 print as "?".
"""

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from fpdf import FPDF
from fpdf.bidi import BidiParagraph, auto_detect_base_direction
from fpdf.enums import TextDirection

# Subsetting fonts reports each table it prunes; that is not news.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
COLUMNS, ROWS = 2, 4
BADGE_WIDTH, BADGE_HEIGHT = PAGE_WIDTH / COLUMNS, PAGE_HEIGHT / ROWS
PADDING = 6.0
QR_SIZE = 28.0
BADGES_PER_PAGE = COLUMNS * ROWS

FONT_DIRECTORIES = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype")]
REGULAR_FONTS = ["dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"]
BOLD_FONTS = ["dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"]
CJK_FONTS = [
    "noto/NotoSansCJK-Regular.ttc",
    "noto-cjk/NotoSansCJK-Regular.ttc",
    "wqy/wqy-microhei.ttc",
    "wqy/wqy-zenhei.ttc",
    "droid/DroidSansFallbackFull.ttf",
]


@dataclass(frozen=True)
class Badge:
    name: str
    organisation: str
    country: str
    event_title: str
    code: str


def _find(candidates: list[str]) -> Path | None:
    for directory in FONT_DIRECTORIES:
        for candidate in candidates:
            path = directory / candidate
            if path.is_file():
                return path
    return None


@dataclass(frozen=True)
class Fonts:
    regular: Path | None
    bold: Path | None
    cjk: Path | None


def find_fonts() -> Fonts:
    """The fonts to use; `BADGE_FONT` and `BADGE_BOLD_FONT` settings may name others."""
    regular = getattr(settings, "BADGE_FONT", None) or _find(REGULAR_FONTS)
    bold = getattr(settings, "BADGE_BOLD_FONT", None) or _find(BOLD_FONTS) or regular
    return Fonts(
        regular=Path(regular) if regular else None,
        bold=Path(bold) if bold else None,
        cjk=_find(CJK_FONTS),
    )


def _has_shaping_engine() -> bool:
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def visual_order(text: str) -> str:
    """Right-to-left runs reversed, for a PDF drawn left to right without a shaping engine."""
    direction = auto_detect_base_direction(text)
    fragments = BidiParagraph(text=text, base_direction=direction).get_bidi_fragments()
    if all(fragment_direction == TextDirection.LTR for _text, fragment_direction in fragments):
        return text
    runs = [
        fragment[::-1] if fragment_direction == TextDirection.RTL else fragment
        for fragment, fragment_direction in fragments
    ]
    if direction == TextDirection.RTL:
        runs.reverse()
    return "".join(runs)


class BadgeSheet:
    """A PDF of badges, filled one badge after the other."""

    def __init__(self, fonts: Fonts | None = None) -> None:
        self.fonts = fonts or find_fonts()
        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.pdf.set_creator("cosummit")
        self.unicode = self.fonts.regular is not None
        self.shaping = False
        if self.unicode:
            self.pdf.add_font("badge", "", str(self.fonts.regular))
            self.pdf.add_font("badge", "B", str(self.fonts.bold or self.fonts.regular))
            if self.fonts.cjk is not None:
                self.pdf.add_font("badge-cjk", "", str(self.fonts.cjk))
                self.pdf.add_font("badge-cjk", "B", str(self.fonts.cjk))
                self.pdf.set_fallback_fonts(["badge-cjk"], exact_match=False)
            if _has_shaping_engine():
                self.pdf.set_text_shaping(True)
                self.shaping = True
        self.count = 0

    def _text(self, text: str) -> str:
        if not self.unicode:
            return text.encode("latin-1", "replace").decode("latin-1")
        if not self.shaping:
            return visual_order(text)
        return text

    def _font(self, size: float, *, bold: bool = False) -> None:
        family = "badge" if self.unicode else "helvetica"
        self.pdf.set_font(family, "B" if bold else "", size)

    def _fit(self, text: str, width: float, *, size: float, smallest: float, bold: bool) -> None:
        """Choose the largest font size, down to `smallest`, at which `text` fits on a line."""
        # Cells keep a margin on each side of their text.
        width -= 2 * self.pdf.c_margin
        while size > smallest:
            self._font(size, bold=bold)
            if self.pdf.get_string_width(text) <= width:
                return
            size -= 1
        self._font(smallest, bold=bold)

    def _clip(self, text: str, width: float, max_lines: int) -> str:
        """`text` cut to the lines that fit in the badge, in the current font."""
        lines = self.pdf.multi_cell(width, 5, text, dry_run=True, output="LINES")
        if len(lines) <= max_lines:
            return text
        return "\n".join(lines[:max_lines])[:-1] + "…"

    def _cut_lines(self) -> None:
        self.pdf.set_draw_color(190, 190, 190)
        self.pdf.set_line_width(0.2)
        with self.pdf.local_context(dash_pattern={"dash": 2, "gap": 2}):
            for column in range(1, COLUMNS):
                x = column * BADGE_WIDTH
                self.pdf.line(x, 0, x, PAGE_HEIGHT)
            for row in range(1, ROWS):
                y = row * BADGE_HEIGHT
                self.pdf.line(0, y, PAGE_WIDTH, y)

    def add(self, badge: Badge) -> None:
        if self.count % BADGES_PER_PAGE == 0:
            self.pdf.add_page()
            self._cut_lines()
        slot = self.count % BADGES_PER_PAGE
        left = (slot % COLUMNS) * BADGE_WIDTH + PADDING
        top = (slot // COLUMNS) * BADGE_HEIGHT + PADDING
        inner_width = BADGE_WIDTH - 2 * PADDING
        pdf = self.pdf

        pdf.set_text_color(90, 90, 90)
        title = self._text(badge.event_title)
        self._fit(title, inner_width, size=10, smallest=7, bold=False)
        pdf.set_xy(left, top)
        pdf.cell(inner_width, 5, title)

        pdf.set_text_color(0, 0, 0)
        name = self._text(badge.name)
        self._fit(name, inner_width, size=22, smallest=12, bold=True)
        pdf.set_xy(left, top + 10)
        pdf.multi_cell(inner_width, 9, self._clip(name, inner_width, 2), align="L")

        text_width = inner_width - QR_SIZE - 3
        details_top = top + 30
        self._font(11)
        pdf.set_xy(left, details_top)
        organisation = self._clip(self._text(badge.organisation), text_width, 3)
        pdf.multi_cell(text_width, 5.5, organisation, align="L")
        pdf.set_text_color(60, 60, 60)
        self._font(10)
        pdf.set_xy(left, max(pdf.get_y() + 1, details_top + 12))
        pdf.multi_cell(text_width, 5, self._text(badge.country), align="L")

        qr_left = left + inner_width - QR_SIZE
        qr_top = top + BADGE_HEIGHT - 2 * PADDING - QR_SIZE - 3
        pdf.image(qr_png(badge.code), x=qr_left, y=qr_top, w=QR_SIZE, h=QR_SIZE)
        pdf.set_text_color(0, 0, 0)
        self._font(9, bold=True)
        pdf.set_xy(qr_left, qr_top + QR_SIZE)
        pdf.cell(QR_SIZE, 4, badge.code, align="C")
        self.count += 1

    def output(self) -> bytes:
        if self.count == 0:
            self.pdf.add_page()
        return bytes(self.pdf.output())


def qr_png(code: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make_qr(code, error="m").save(buffer, kind="png", scale=6, border=1)
    buffer.seek(0)
    return buffer


def badges_pdf(badges, *, fonts: Fonts | None = None) -> bytes:
    sheet = BadgeSheet(fonts)
    for badge in badges:
        sheet.add(badge)
    return sheet.output()


def badge_of(registration, *, language: str | None = None) -> Badge:
    """A registration's badge, with the event's title and the country in `language`."""
    return Badge(
        name=registration.name,
        organisation=registration.organisation,
        country=registration.country.name if registration.country else "",
        event_title=registration.event.title.localize(language).text,
        code=registration.code,
    )
