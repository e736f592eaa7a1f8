"""French typography in every document (issue 14): one function, domain.french.typography,
applied to every paragraph (typed text included); line breaks read back from
`pdftotext -layout`, since a non-breaking space cannot be told from a space in the PDF."""

from __future__ import annotations

import re
import shutil

import pytest
from pdftext import layout_pages, pdf_text
from sample import LONG_DISCUSSION, build_sample

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.domain.french import typography
from ccs_desktop.services.documents import (
    render_annex, render_attendance_sheet, render_convocation, render_minutes,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(("typed", "printed"), [
    ("Motif: insécurité; voir!", f"Motif{NBSP}: insécurité{NBSP}; voir{NBSP}!"),
    ("« très fréquenté » et «oui»", f"«{NBSP}très fréquenté{NBSP}» et «{NBSP}oui{NBSP}»"),
    ("présidence de M. Bakary TRAORÉ", f"présidence de M.{NBSP}Bakary TRAORÉ"),
    ("Mme Aminata", f"Mme{NBSP}Aminata"),
    ("El Hadj Moussa", f"El{NBSP}Hadj{NBSP}Moussa"),
    ("de 10 h 00 à 13h15", f"de 10{NBSP}h{NBSP}00 à 13{NBSP}h{NBSP}15"),
    ("50 % des membres, 30%", f"50{NBSP}% des membres, 30{NBSP}%"),
    ("L'an deux mille, d'Alafia", "L\u2019an deux mille, d\u2019Alafia"),
    ("à 10:30, voir https://crss.ml:8080/a", "à 10:30, voir https://crss.ml:8080/a"),
    ("deux  espaces", "deux espaces"),
])
def test_typography_rules(typed, printed):
    assert typography(typed) == printed
    assert typography(printed) == printed  # idempotent


@pytest.fixture(scope="module")
def documents(tmp_path_factory, empty_database_dir):
    """Every document of a meeting with long typed text and a long list of absent members."""
    folder = tmp_path_factory.mktemp("typo") / "data"
    shutil.copytree(empty_database_dir, folder)
    db = open_database(folder, create=True)
    typed = ("Le chef de village a dit:« nous voulons la paix »; la population s'inquiète "
             "des recrutements !") * 8
    ids = build_sample(db, n_attendees=40, discussion_extra=LONG_DISCUSSION + "\n" + typed)
    with db.session() as s:
        rows = s.query(m.Attendance).join(m.Person, m.Person.id == m.Attendance.person_id) \
            .filter(m.Person.given_names.like("Membre%")).all()
        for i, row in enumerate(rows):
            if i % 2:
                row.status = "absent"
    mid = ids["meeting_id"]
    yield {"minutes": render_minutes(db, mid), "annex": render_annex(db, mid),
           "convocation": render_convocation(db, mid),
           "sheet": render_attendance_sheet(db, mid)}
    db.close()


@pytest.mark.parametrize("kind", ["minutes", "annex", "convocation", "sheet"])
def test_no_line_breaks_where_french_forbids_them(documents, kind, tmp_path):
    for page in layout_pages(documents[kind], tmp_path):
        for line in page.splitlines():
            # pdftotext -layout puts table columns on one line: read each cell apart
            for piece in re.split(r"\s{3,}", line.strip()):
                if not piece:
                    continue
                assert not re.match(r"^[:;!?»%]", piece), (kind, line)
                assert not re.search(r"(«|\bM\.|\bMme|\bh)$", piece), (kind, line)
                assert not re.match(r"^h \d\d", piece), (kind, line)


def test_typographic_apostrophe_in_the_pdf(documents):
    text = pdf_text(documents["minutes"])
    assert "L\u2019an deux mille" in text and "d\u2019Alafia" in text
    assert "L'an" not in text
