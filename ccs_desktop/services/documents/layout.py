"""Shared layout of every printed document: A4, styles, state header, page marks.

A document is a list of flowables built by `build_pdf`, which draws on every page the
watermark (PROJET, DIFFUSION RESTREINTE) under the content and, after the last page is known,
the "Page X sur Y" footer and the DONNÉES FICTIVES mention (numbered canvas).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import (
    Flowable,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ...domain.french import typography
from . import fonts
from .header import HeaderData

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = RIGHT_MARGIN = 1.8 * cm
TOP_MARGIN = 2.0 * cm
BOTTOM_MARGIN = 2.6 * cm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN - 14  # SimpleDocTemplate's paddings
# Nothing is drawn nearer the paper's edge than this: inkjets do not print the last 12.7 mm.
PRINTABLE_EDGE = 1.27 * cm

GREY_LIGHT = colors.Color(0.88, 0.88, 0.88)
GREY_WATERMARK = colors.Color(0.86, 0.86, 0.86)
# Plain-string table cells use the table's font (Helvetica unless said): keep ours embedded.
FONT_CMD = ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)


@dataclass(frozen=True)
class PageMarks:
    """What every page says besides the content."""

    draft: bool = False        # PROJET: the PV is not adopted
    demo: bool = False         # DONNÉES FICTIVES: demonstration committee
    restricted: bool = False   # DIFFUSION RESTREINTE: the annex
    reference: str = ""        # "PV N°003/2024/CCSC-ALAFIA", printed in the footer
    crss: bool = False         # the version sent to the CRSS (people by code)


class Styles:
    """Paragraph styles of the documents (built once fonts are registered)."""

    def __init__(self) -> None:
        family = fonts.register_fonts()
        base = dict(fontName=family, fontSize=10, leading=13)
        self.body = ParagraphStyle("body", alignment=TA_JUSTIFY, spaceAfter=4, **base)
        self.body_left = ParagraphStyle("body_left", parent=self.body, alignment=TA_LEFT)
        # a sentence announcing a list or a table: never alone at a page foot
        self.intro = ParagraphStyle("intro", parent=self.body_left, keepWithNext=1)
        self.small = ParagraphStyle("small", fontName=family, fontSize=8.5, leading=10.5)
        self.small_center = ParagraphStyle("small_center", parent=self.small,
                                           alignment=TA_CENTER)
        self.cell = ParagraphStyle("cell", fontName=family, fontSize=9, leading=11)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=fonts.BOLD,
                                        alignment=TA_CENTER)
        self.cell_group = ParagraphStyle("cell_group", parent=self.cell, fontName=fonts.BOLD)
        self.header_center = ParagraphStyle("header_center", fontName=fonts.BOLD,
                                            fontSize=9.5, leading=12, alignment=TA_CENTER)
        self.header_motto = ParagraphStyle("header_motto", fontName=fonts.ITALIC,
                                           fontSize=9.5, leading=12, alignment=TA_CENTER)
        self.reference = ParagraphStyle("reference", fontName=fonts.BOLD, fontSize=10.5,
                                        leading=13, alignment=TA_CENTER, spaceBefore=10,
                                        spaceAfter=4)
        self.title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=12.5, leading=16,
                                    alignment=TA_CENTER, spaceBefore=4, spaceAfter=12)
        self.heading = ParagraphStyle("heading", fontName=fonts.BOLD, fontSize=11, leading=14,
                                      spaceBefore=10, spaceAfter=5, keepWithNext=1)
        self.subheading = ParagraphStyle("subheading", fontName=fonts.BOLD, fontSize=10,
                                         leading=13, spaceBefore=6, spaceAfter=3,
                                         keepWithNext=1)
        # above a table (which may be long): a CondPageBreak keeps it off the page foot,
        # keepWithNext would push a long table whole to the next page
        self.subheading_table = ParagraphStyle("subheading_table", parent=self.subheading,
                                               keepWithNext=0)
        self.label = ParagraphStyle("label", fontName=fonts.BOLD_ITALIC, fontSize=10,
                                    leading=13, spaceBefore=3, spaceAfter=2, keepWithNext=1,
                                    leftIndent=12)
        self.decision = ParagraphStyle("decision", parent=self.body, leftIndent=12,
                                       fontName=fonts.BOLD)
        self.indented = ParagraphStyle("indented", parent=self.body, leftIndent=12)
        # room for "12." before the text: items 10+ start where items 1-9 do
        self.list_item = ParagraphStyle("list_item", parent=self.body_left, leftIndent=26,
                                        bulletIndent=4, spaceAfter=2, bulletFontName=family,
                                        bulletFontSize=10)
        self.right = ParagraphStyle("right", parent=self.body, alignment=TA_RIGHT)
        self.signature = ParagraphStyle("signature", fontName=fonts.BOLD, fontSize=10,
                                        leading=13, alignment=TA_CENTER)
        self.signature_name = ParagraphStyle("signature_name", fontName=fonts.BOLD,
                                             fontSize=10, leading=13, alignment=TA_CENTER)
        self.banner = ParagraphStyle("banner", fontName=fonts.BOLD, fontSize=11, leading=14,
                                     alignment=TA_CENTER, textColor=colors.black)


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


# ---------------------------------------------------------------- text helpers

_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


def typeset(markup: str | None) -> str | None:
    """French typography (domain.french.typography) on the text of a paragraph's markup,
    its tags and entities left alone."""
    if not markup:
        return markup
    return "".join(part if _MARKUP.fullmatch(part) else typography(part)
                   for part in _MARKUP.split(markup))


class Paragraph(_Paragraph):
    """Every paragraph of every document, typed text included, in French typography: no
    line break before : ; ! ? % », after «, M., Mme and titles, inside hours."""

    def __init__(self, text, style=None, *args, **kwargs) -> None:  # noqa: ANN001
        super().__init__(typeset(text) if isinstance(text, str) else text, style,
                         *args, **kwargs)


def esc(text: str | None) -> str:
    return escape(text or "")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from plain text (escaped)."""
    return Paragraph(esc(text), style)


def text_blocks(text: str | None) -> list[str]:
    """Plain text cut into paragraphs at line breaks; empty lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def paragraphs(text: str | None, style: ParagraphStyle) -> list[Flowable]:
    """Plain text as flowing paragraphs (a long one splits across pages by itself)."""
    return [para(block, style) for block in text_blocks(text)]


_BREAK_AT = re.compile(r"(?<=[.;!?…])\s+|\n+")


def chunk_text(text: str, max_chars: int) -> list[str]:
    """Cut text into pieces of at most max_chars, at line, sentence or word boundaries:
    a table cell never grows taller than a page."""
    text = (text or "").strip()
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _BREAK_AT.split(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        words = [sentence] if len(sentence) <= max_chars else sentence.split(" ")
        for word in words:
            while len(word) > max_chars:  # one endless word: cut it hard
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(word[:max_chars])
                word = word[max_chars:]
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= max_chars:
                current = candidate
            else:
                pieces.append(current)
                current = word
    if current:
        pieces.append(current)
    return pieces


def max_chars_for(width: float, style: ParagraphStyle, max_lines: int = 34) -> int:
    """About how many characters fit in max_lines lines of a column (generous estimate)."""
    avg = stringWidth("abcdefghijklmnopqrstuvwxyz ", style.fontName, style.fontSize) / 27
    per_line = max(8, int((width - 6) / avg))
    return max(40, int(per_line * max_lines * 0.85))


# ---------------------------------------------------------------- tables

Cell = str | Flowable


def data_table(header: Sequence[str], rows: Iterable[Sequence[Cell]],
               widths: Sequence[float], *, center_cols: Sequence[int] = (),
               group_rows: Sequence[int] = (), min_row_height: float | None = None,
               extra_style: Sequence[tuple] = (), keep_whole: bool = False,
               with_header: bool = True) -> Table:
    """A bordered table, header repeated on every page, long cells split into several rows.

    rows hold plain strings (or ready flowables); `group_rows` are indexes (in `rows`) of
    full-width group titles (e.g. member category).
    """
    st = styles()
    data: list[list[Cell]] = [[Paragraph(esc(h), st.cell_head) for h in header]]
    if not with_header:
        data = []
    real_group_rows: list[int] = []
    group_set = set(group_rows)
    for index, row in enumerate(rows):
        if index in group_set:
            data.append([Paragraph(esc(str(row[0])), st.cell_group)] + [""] * (len(header) - 1))
            real_group_rows.append(len(data) - 1)
            continue
        chunks_per_cell: list[list[Cell]] = []
        for col, value in enumerate(row):
            style = st.cell_center if col in center_cols else st.cell
            if isinstance(value, str):
                limit = max_chars_for(widths[col], style)
                chunks_per_cell.append([Paragraph(esc(c), style)
                                        for c in chunk_text(value, limit)])
            else:
                chunks_per_cell.append([value])
        height = max(len(c) for c in chunks_per_cell)
        for line in range(height):
            data.append([c[line] if line < len(c) else "" for c in chunks_per_cell])
    commands: list[tuple] = [
        FONT_CMD,
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        *([("BACKGROUND", (0, 0), (-1, 0), GREY_LIGHT)] if with_header else []),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in real_group_rows:
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), GREY_LIGHT)]
        if r + 1 < len(data):  # a group heading never alone at a page foot
            commands.append(("NOSPLIT", (0, r), (-1, r + 1)))
    if keep_whole:
        commands.append(("NOSPLIT", (0, 0), (-1, -1)))
    commands += list(extra_style)
    if min_row_height and len(data) > with_header:
        # a minimum, not a fixed height: a row of three lines grows instead of printing
        # over the grid (padding brings a one-line row to min_row_height)
        pad = max(2.0, (min_row_height - st.cell.leading) / 2)
        first = 1 if with_header else 0
        commands += [("TOPPADDING", (0, first), (-1, -1), pad),
                     ("BOTTOMPADDING", (0, first), (-1, -1), pad)]
    table = Table(data, colWidths=list(widths), repeatRows=1 if with_header else 0,
                  hAlign="LEFT", splitByRow=1)
    table.setStyle(TableStyle(commands))
    return table


# ---------------------------------------------------------------- header and signature

def state_header(header: HeaderData) -> Table:
    """Administrative chain on the left, RÉPUBLIQUE DU MALI and its motto on the right."""
    return header_table([*header.chain_lines(),
                         *([header.committee_name] if header.committee_name else [])])


def header_table(lines: Sequence[str]) -> Table:
    """The official header's look: `lines` on the left, one under the other between dashes,
    RÉPUBLIQUE DU MALI and its motto on the right (the PV's chain, the CRSS's)."""
    st = styles()
    left: list[Flowable] = []
    for i, line in enumerate(lines):
        if i:
            left.append(Paragraph("--------", st.small_center))
        left.append(Paragraph(esc(line), st.header_center))
    right = [Paragraph("RÉPUBLIQUE DU MALI", st.header_center),
             Paragraph("Un Peuple – Un But – Une Foi", st.header_motto),
             Paragraph("*****", st.small_center)]
    table = Table([[left, "", right]], colWidths=[8.2 * cm, FRAME_WIDTH - 15.2 * cm, 7 * cm])
    table.setStyle(TableStyle([FONT_CMD, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def signature_block(left_title: Sequence[str], left_name: str, right_title: Sequence[str],
                    right_name: str, stamp_room: float = 5 * cm) -> Table:
    """Two signatures side by side: titles, about 5 cm of room for signature and stamp,
    then the names, aligned on one line."""
    st = styles()

    def titles(lines: Sequence[str]) -> list[Flowable]:
        return [Paragraph(esc(t), st.signature) for t in lines if t]

    def name(text: str) -> Paragraph:
        return Paragraph(esc(text) if text else "&nbsp;", st.signature_name)

    table = Table([[titles(left_title), titles(right_title)],
                   ["", ""],
                   [name(left_name), name(right_name)]],
                  colWidths=[FRAME_WIDTH / 2] * 2, rowHeights=[None, stamp_room, None])
    table.setStyle(TableStyle([FONT_CMD, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


# ---------------------------------------------------------------- pages

class NewNumbering(Flowable):
    """Starts a new "Page X sur Y" count from the page it is drawn on (each convocation is a
    letter of its own: "Page 1 sur 1")."""

    def wrap(self, *_args) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas._section = getattr(canvas, "_section", 0) + 1
        canvas._section_start = canvas._pageNumber


class _NumberedCanvas(Canvas):
    """Keeps every page until the end to write "Page X sur Y" and the marks on each."""

    marks = PageMarks()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []
        self._section = 0
        self._section_start = 1

    def showPage(self) -> None:  # noqa: N802 (ReportLab API)
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        sizes: dict[int, int] = {}
        for state in self._saved_pages:
            sizes[state["_section"]] = sizes.get(state["_section"], 0) + 1
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_footer(sizes[state["_section"]],
                              state["_pageNumber"] - state["_section_start"] + 1)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int, number: int) -> None:
        marks = self.marks
        # the lowest line (the marks) sits a little above the printable edge
        y = PRINTABLE_EDGE + 0.25 * cm + 0.42 * cm
        self.saveState()
        self.setStrokeColor(colors.black)
        self.setLineWidth(0.4)
        self.line(LEFT_MARGIN, y + 0.45 * cm, PAGE_WIDTH - RIGHT_MARGIN, y + 0.45 * cm)
        self.setFont(fonts.REGULAR, 8.5)
        self.setFillColor(colors.black)
        if marks.reference:
            self.drawString(LEFT_MARGIN, y, marks.reference)
        self.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, y,
                             f"Page {number} sur {total}")
        notes = []
        if marks.draft:
            notes.append("PROJET – document non adopté")
        if marks.restricted:
            notes.append("DIFFUSION RESTREINTE")
        if marks.demo:
            notes.append("DONNÉES FICTIVES")
        if marks.crss:
            notes.append("Version pour le CRSS — l’original signé reste au comité")
        if notes:
            self.setFont(fonts.BOLD, 8.5)
            self.drawCentredString(PAGE_WIDTH / 2, y - 0.42 * cm, " · ".join(notes))
        if marks.restricted:
            self.setFont(fonts.BOLD, 10)
            self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - PRINTABLE_EDGE - 0.45 * cm,
                                   "DIFFUSION RESTREINTE")
        self.restoreState()


def _watermark(canvas: Canvas, _doc, marks: PageMarks) -> None:
    """Big diagonal grey words under the content of every page."""
    words = []
    if marks.draft and not marks.restricted:
        words.append("PROJET")
    if marks.restricted:
        words.append("DIFFUSION RESTREINTE")
    if marks.demo:
        words.append("DONNÉES FICTIVES")
    if not words:
        return
    canvas.saveState()
    canvas.setFillColor(GREY_WATERMARK)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(40)
    size = 96 if len(words) == 1 and words[0] == "PROJET" else 54
    canvas.setFont(fonts.BOLD, size)
    for i, word in enumerate(words):
        canvas.drawCentredString(0, -i * size * 1.1 + (len(words) - 1) * size * 0.5, word)
    canvas.restoreState()


def data_table_parts(header: Sequence[str], rows: Sequence[Sequence[Cell]],
                     widths: Sequence[float], **options) -> tuple[Table, Table | None]:
    """The table without its last row, and that row as a table of its own with the same
    columns (None for a table of one row): the tail goes with what follows (the closing
    formula and the signatures), the body splits across pages as it must."""
    rows = list(rows)
    if len(rows) < 2 or options.get("group_rows"):
        return data_table(header, rows, widths, **options), None
    return (data_table(header, rows[:-1], widths, **options),
            data_table(header, rows[-1:], widths, with_header=False, **options))


_SUBSET_TAG = re.compile(rb"/([A-Z]{6})\+([A-Za-z0-9-]+)")


def distinct_subset_tags(pdf: bytes) -> bytes:
    """Give the font subsets tags of their own (ReportLab names the first subset of every
    document AAAAAA+…): two PDFs joined into one (a PV and its rectificatif) then never hold
    two different subsets under one name. Same length, so the cross-reference table stays
    right."""
    seed = hashlib.sha256(pdf).digest()

    def tag(match: re.Match) -> bytes:
        digest = hashlib.sha256(seed + match.group(1) + match.group(2)).digest()
        letters = bytes(65 + b % 26 for b in digest[:6])
        return b"/" + letters + b"+" + match.group(2)

    return _SUBSET_TAG.sub(tag, pdf)


_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")


def build_pdf(story: list[Flowable], *, title: str, marks: PageMarks,
              subject: str = "", created: dt.datetime | None = None) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes (fonts embedded)."""
    fonts.register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=title, subject=subject,
        author="CCS Desktop", creator="CCS Desktop", lang="fr-FR",
        invariant=1 if created is not None else 0,
        initialFontName=fonts.REGULAR, initialFontSize=10,
        pageCompression=1,
    )
    canvas_class = type("NumberedCanvas", (_NumberedCanvas,), {"marks": marks})

    def on_page(canvas: Canvas, doc_) -> None:
        _watermark(canvas, doc_, marks)

    # the file carries its real creation date (never ReportLab's invariant 1 January 2000);
    # a reprint of an adopted PV is its stored file, never a new rendering. With `created`,
    # the same content gives the same bytes, dated `created` (what is sent again unchanged
    # must not look changed)
    doc.build(story or [Spacer(1, 1)], onFirstPage=on_page, onLaterPages=on_page,
              canvasmaker=canvas_class)
    pdf = buffer.getvalue()
    if created is not None:
        stamp = created.astimezone(dt.timezone.utc) if created.tzinfo else created
        date = stamp.strftime("%Y%m%d%H%M%S").encode()
        pdf = _DATES.sub(lambda m: b"/" + m.group(1) + b" (D:" + date + b"+00'00')", pdf)
    return distinct_subset_tags(pdf)
