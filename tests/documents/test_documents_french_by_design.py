"""Documents are French by design: a PV printed while the interface speaks English keeps its
French labels (the labels are declared once, in English, and translated on use)."""

from __future__ import annotations

from pdftext import flat, pdf_text

from ccs_desktop import i18n
from ccs_desktop.domain import enums
from ccs_desktop.services.documents import render_minutes


def test_minutes_stay_french_when_the_interface_is_english(shared_sample):
    db, ids = shared_sample
    french_text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    i18n.set_language("en")
    try:
        assert enums.Category.ADMIN.label == "Administrative authorities"
        english_ui_text = flat(pdf_text(render_minutes(db, ids["meeting_id"])))
    finally:
        i18n.set_language(None)
    assert english_ui_text == french_text
    assert "Autorités administratives" in french_text
    assert "Administrative authorities" not in english_ui_text
