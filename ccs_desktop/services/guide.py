"""« Guide du secrétaire » (no Qt): the Markdown under resources/guide/, read by the help
window (ui/help.py) and printed as an A4 PDF with ReportLab in the documents' fonts.

The guide uses a small part of Markdown only: `#`/`##` headings, paragraphs, `- ` and
`1. ` lists, **bold** and `code`; that part is what the PDF renders."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

from .. import i18n, paths

GUIDE_NAME = "guide-{lang}.md"


@dataclass(frozen=True)
class Block:
    kind: str  # "h1", "h2", "p", "ul", "ol"
    text: str


def guide_text(lang: str | None = None) -> str:
    """The guide's Markdown in `lang` (the current language), else the French one."""
    for code in (lang or i18n.language(), "fr"):
        path = paths.resource_path("guide", GUIDE_NAME.format(lang=code))
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(paths.resource_path("guide", GUIDE_NAME.format(lang="fr")))


def blocks(markdown: str) -> list[Block]:
    """The guide as headings, paragraphs and list items (continuation lines joined)."""
    out: list[Block] = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped:
            out.append(Block("", ""))
            continue
        if stripped.startswith("## "):
            out.append(Block("h2", stripped[3:]))
        elif stripped.startswith("# "):
            out.append(Block("h1", stripped[2:]))
        elif stripped.startswith("- "):
            out.append(Block("ul", stripped[2:]))
        elif re.match(r"\d+\. ", stripped):
            out.append(Block("ol", stripped.split(" ", 1)[1]))
        elif out and out[-1].kind in ("p", "ul", "ol"):  # continuation
            out[-1] = Block(out[-1].kind, out[-1].text + " " + stripped)
        else:
            out.append(Block("p", stripped))
    return [b for b in out if b.kind]


def _inline(text: str) -> str:
    """Markdown's **bold** and `code` as ReportLab's mark-up, the rest escaped."""
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"`(.+?)`", r'<font face="Courier">\1</font>', text)


def render_guide_pdf(lang: str | None = None) -> bytes:
    """The guide as A4 PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    from .documents.fonts import register_fonts

    family = register_fonts()
    body = ParagraphStyle("body", fontName=family, fontSize=10.5, leading=14, spaceAfter=5)
    h1 = ParagraphStyle("h1", parent=body, fontSize=18, leading=22, spaceAfter=10)
    h2 = ParagraphStyle("h2", parent=body, fontSize=13, leading=17, spaceBefore=10)
    story: list = []
    items: list = []
    numbered = False

    def close_list() -> None:
        if items:
            story.append(ListFlowable(
                list(items), bulletType="1" if numbered else "bullet", start=1 if numbered
                else "•", leftIndent=14, bulletFontName=family, bulletFontSize=10))
            items.clear()

    for block in blocks(guide_text(lang)):
        if block.kind in ("ul", "ol"):
            if items and numbered != (block.kind == "ol"):
                close_list()
            numbered = block.kind == "ol"
            items.append(ListItem(Paragraph(_inline(block.text), body)))
            continue
        close_list()
        style = {"h1": h1, "h2": h2}.get(block.kind, body)
        text = _inline(block.text)
        story.append(Paragraph(f"<b>{text}</b>" if block.kind != "p" else text, style))
    close_list()
    story.append(Spacer(1, 4 * mm))
    out = io.BytesIO()
    title = blocks(guide_text(lang))[0].text
    SimpleDocTemplate(out, pagesize=A4, title=title, author="CCS Desktop",
                      leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm).build(story)
    return out.getvalue()
