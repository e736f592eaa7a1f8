"""« Guide du secrétaire » (no Qt): the Markdown under resources/guide/, read by the help
window (ui/help.py) and printed as an A4 PDF with ReportLab in the documents' fonts.

The guide uses a small part of Markdown only: `#`/`##` headings, paragraphs, `- ` and
`1. ` lists, **bold** and `code`, and pictures alone on their line, `![caption](name.png)`;
that part is what the PDF renders.

The pictures are screenshots the build takes of the application (ui/guide_shots.py) into
resources/guide/shots/. Where a picture is absent (running from a source checkout where
nobody took them), the guide is shown and printed without it, text only."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import i18n, paths

GUIDE_NAME = "guide-{lang}.md"
SHOTS_FOLDER = ("guide", "shots")
#: a picture: alone on its line, a PNG named by ui/guide_shots.SHOTS
IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<name>[\w-]+\.png)\)$")


@dataclass(frozen=True)
class Block:
    kind: str  # "h1", "h2", "p", "ul", "ol", "img" (text: its caption, src: its file)
    text: str
    src: str = ""
    number: int = 0  # an "ol" item's number as written


def shots_folder() -> Path:
    """Where the build puts the guide's screenshots (may not exist)."""
    return paths.resource_path(*SHOTS_FOLDER)


def picture(name: str, folder: Path | None = None) -> Path | None:
    """The screenshot `name` (« accueil.png »), None when it was not taken."""
    path = (folder or shots_folder()) / name
    return path if path.is_file() else None


def pictures(lang: str | None = None) -> list[str]:
    """The names of the pictures the guide shows, in its order (taken or not)."""
    return [m["name"] for line in guide_text(lang).splitlines()
            if (m := IMAGE.match(line.strip()))]


def guide_markdown(lang: str | None = None, folder: Path | None = None) -> str:
    """The guide as the help window shows it: each picture taken points to its file (a file:
    URL) with its caption under it in italics; a picture not taken is left out, caption
    included (no broken image)."""
    out: list[str] = []
    for line in guide_text(lang).splitlines():
        match = IMAGE.match(line.strip())
        if match is None:
            out.append(line)
            continue
        path = picture(match["name"], folder)
        if path is not None:
            out += [f"![{match['caption']}]({path.resolve().as_uri()})", "",
                    f"*{match['caption']}*"]
    return "\n".join(out) + "\n"


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
        image = IMAGE.match(stripped)
        if image is not None:
            out.append(Block("img", image["caption"], image["name"]))
        elif stripped.startswith("## "):
            out.append(Block("h2", stripped[3:]))
        elif stripped.startswith("# "):
            out.append(Block("h1", stripped[2:]))
        elif stripped.startswith("- "):
            out.append(Block("ul", stripped[2:]))
        elif re.match(r"\d+\. ", stripped):
            number, text = stripped.split(" ", 1)
            out.append(Block("ol", text, number=int(number[:-1])))
        elif out and out[-1].kind in ("p", "ul", "ol"):  # continuation
            out[-1] = replace(out[-1], text=out[-1].text + " " + stripped)
        else:
            out.append(Block("p", stripped))
    return [b for b in out if b.kind]


def _inline(text: str) -> str:
    """Markdown's **bold** and `code` as ReportLab's mark-up, the rest escaped."""
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"`(.+?)`", r'<font face="Courier">\1</font>', text)


def render_guide_pdf(lang: str | None = None, folder: Path | None = None) -> bytes:
    """The guide as A4 PDF bytes, with the screenshots that were taken (`folder`: where
    they are, by default shots_folder())."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (Image, KeepTogether, ListFlowable, ListItem, Paragraph,
                                    SimpleDocTemplate, Spacer)

    from .documents.fonts import register_fonts

    family = register_fonts()
    body = ParagraphStyle("body", fontName=family, fontSize=10.5, leading=14, spaceAfter=5)
    h1 = ParagraphStyle("h1", parent=body, fontSize=18, leading=22, spaceAfter=10)
    h2 = ParagraphStyle("h2", parent=body, fontSize=13, leading=17, spaceBefore=10)
    caption = ParagraphStyle("caption", parent=body, fontSize=9, leading=12, alignment=1,
                             textColor="#444444", spaceAfter=8)
    width, height = 150 * mm, 95 * mm  # a picture's room: two a page with their text
    story: list = []
    items: list = []
    numbered = False
    start = 1

    def close_list() -> None:
        if items:
            story.append(ListFlowable(
                list(items), bulletType="1" if numbered else "bullet", start=start if numbered
                else "•", leftIndent=14, bulletFontName=family, bulletFontSize=10))
            items.clear()

    for block in blocks(guide_text(lang)):
        if block.kind in ("ul", "ol"):
            if items and numbered != (block.kind == "ol"):
                close_list()
            if not items:
                start = block.number or 1
            numbered = block.kind == "ol"
            items.append(ListItem(Paragraph(_inline(block.text), body)))
            continue
        close_list()
        if block.kind == "img":
            path = picture(block.src, folder)
            if path is not None:
                story.append(KeepTogether([_picture(Image, path, width, height),
                                           Paragraph(f"<i>{_inline(block.text)}</i>",
                                                     caption)]))
            continue
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


def _picture(image: type, path: Path, width: float, height: float):  # noqa: ANN202
    """A screenshot as a ReportLab Image, as wide as the text at most (and `height`)."""
    from reportlab.lib.utils import ImageReader

    w, h = ImageReader(str(path)).getSize()
    scale = min(width / w, height / h, 0.75)  # 0.75 pt a pixel: a 96 dpi screen's size
    flowable = image(str(path), width=w * scale, height=h * scale)
    flowable.hAlign = "CENTER"
    return flowable
