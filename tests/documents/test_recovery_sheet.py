"""The recovery key sheet (issue 11): one page, the key as typed back, where to keep it."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from ccs_desktop.db.keyfile import new_recovery_key, parse_recovery
from ccs_desktop.services.documents.header import HeaderData
from ccs_desktop.services.documents.recovery_sheet import KEEP, recovery_sheet_pdf


def test_one_page_with_the_key_and_where_to_keep_it():
    raw, text = new_recovery_key()
    header = HeaderData(region="Tombouctou", cercle="Goundam", commune="Essakane",
                        committee_name="Comité communal de sécurité d'Essakane")
    pdf = recovery_sheet_pdf(text, header, made_on=dt.date(2026, 12, 1))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0].extract_text()
    flat = " ".join(page.split())
    assert "CLÉ DE RÉCUPÉRATION" in flat and "1er décembre 2026" in flat
    assert "ne jamais la remettre au CRSS" in flat and " ".join(KEEP.split()[:6]) in flat
    # the key printed is the key: read back from the PDF text, it parses to the same bytes
    groups = text.split("-")
    assert all(g in page for g in groups)
    printed = "".join(g for g in page.split() if g in groups)
    assert parse_recovery(printed) == raw
    # every font is embedded (no base-14 font such as Courier)
    fonts = set()
    for res in (reader.pages[0]["/Resources"]["/Font"]).values():
        font = res.get_object()
        fonts.add(font["/BaseFont"])
        descendant = font.get("/DescendantFonts")
        desc = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
        assert desc is not None and any(k in desc.get_object() for k in
                                        ("/FontFile", "/FontFile2", "/FontFile3")), font
    assert fonts
