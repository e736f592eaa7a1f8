"""How the PV falls on its pages (issue 14): signatures never alone, tables and headings kept
with what they belong to, marks inside the printable area, real dates, distinct subsets."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest
from pdftext import flat, layout_pages, pdf_pages, pdffonts, word_boxes
from sample import add_long_items, build_sample

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.documents import render_amendment, render_minutes
from ccs_desktop.services.documents.layout import PAGE_HEIGHT, PAGE_WIDTH

MM = 72 / 25.4


@pytest.fixture(scope="module")
def long_pv(tmp_path_factory, empty_database_dir):
    """A committee of 60 members, all present, and 12 agenda items, 8 of them long."""
    folder = tmp_path_factory.mktemp("long") / "data"
    shutil.copytree(empty_database_dir, folder)
    db = open_database(folder, create=True)
    ids = build_sample(db, n_attendees=52)
    add_long_items(db, ids)
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        threat = m.Threat(committee_id=meeting.committee_id, title="Coupeurs de route",
                          type_code="CRI.BAN", place_kind="axe",
                          place_name="axe Tombouctou–Goundam", likelihood=4, impact=4)
        threat.rescore()
        s.add(threat)
        s.flush()
        meeting.threats.append(threat)
    yield render_minutes(db, ids["meeting_id"])
    db.close()


def _signature_page(pages: list[str]) -> str:
    return [p for p in pages if "Ampliations" in p][-1]


@pytest.mark.parametrize("which", ["short", "long"])
def test_signatures_share_their_page_with_the_closing_and_body_text(which, long_pv,
                                                                    shared_sample):
    if which == "short":
        db, ids = shared_sample
        pdf = render_minutes(db, ids["meeting_id"])
    else:
        pdf = long_pv
    pages = pdf_pages(pdf)
    page = flat(_signature_page(pages))
    for piece in ("L'ordre du jour étant épuisé", "Fait à Alafia", "Secrétaire de séance",
                  "Le Président du CCS", "Ampliations"):
        assert piece in page
    # and at least a row of the last table before the closing formula
    before = page.split("L'ordre du jour étant épuisé")[0]
    assert "Recommandation 3 : installer l'éclairage solaire au marché" in before


def test_totals_sentence_and_table_on_one_page(long_pv):
    pages = [flat(p) for p in pdf_pages(long_pv)]
    page = [p for p in pages if "Total : 60 présents" in p]
    assert page and "dont non jeunes" in page[0] and "Total 60" in page[0]


def test_no_group_heading_or_heading_at_a_page_foot(long_pv, tmp_path):
    for page in layout_pages(long_pv, tmp_path):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith(("PV N°", "PROJET"))
                and not re.match(r"^Page \d+ sur \d+$", line)]
        body = [re.sub(r"\s*Page \d+ sur \d+$", "", b) for b in body]
        last = body[-1]
        assert not re.search(r"\(\d+\)$", last), last          # "Autres (52)"
        assert last not in ("ORDRE DU JOUR", "DÉROULEMENT DES TRAVAUX", "RECOMMANDATIONS",
                            "SITUATION SÉCURITAIRE", "L'ordre du jour portait sur :"), last
        assert not last.startswith("Point "), last


def test_no_mark_within_12_7_mm_of_the_paper_edge(long_pv, tmp_path):
    boxes = word_boxes(long_pv, tmp_path)
    assert boxes
    limit = 12.7 * MM
    for _page, word, _x0, y_min, _x1, y_max in boxes:
        assert y_min >= limit - 0.5 and PAGE_HEIGHT - y_max >= limit - 0.5, (word, y_min)
    assert PAGE_WIDTH > 0


def test_real_creation_date_and_distinct_subset_names(sample, tmp_path):
    from pypdf import PdfReader

    db, ids = sample
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        meeting.status = "adopted"
        s.add(m.Amendment(committee_id=meeting.committee_id, meeting_id=meeting.id,
                          date=dt.date(2024, 5, 10), reason="Erreur", text="Lire « 13 h 30 »."))
        s.flush()
        amendment_id = s.query(m.Amendment.id).scalar()
    pv = render_minutes(db, ids["meeting_id"])
    created = PdfReader(io.BytesIO(pv)).metadata.creation_date
    assert created.year == dt.date.today().year, created
    names = []
    for pdf in (pv, render_amendment(db, amendment_id)):
        rows = pdffonts(pdf, tmp_path).splitlines()[2:]
        names += [row.split()[0] for row in rows]
    assert len(names) == len(set(names)), names


def test_no_word_cut_in_the_middle_in_narrow_columns(long_pv, tmp_path):
    text = "\n".join(layout_pages(long_pv, tmp_path))
    assert "Goundam" in text
    assert not re.findall(r"(?<!Go)undam", text)
    assert not re.findall(r"(?<!Tomb)ouctou", text)


def test_a_one_row_last_table_goes_with_the_signatures(sample):
    db, ids = sample
    with db.session() as s:
        for rec in s.query(m.Recommendation).filter_by(meeting_id=ids["meeting_id"]).all()[1:]:
            s.delete(rec)
    page = flat(_signature_page(pdf_pages(render_minutes(db, ids["meeting_id"]))))
    before = page.split("L'ordre du jour étant épuisé")[0]
    assert "Recommandation 1 : installer l'éclairage solaire au marché" in before
