"""Convocations and the attendance sheet as a secretary sends them (issue 14)."""

from __future__ import annotations

import shutil

import pytest
from pdftext import flat, pdf_pages, word_boxes
from sample import add_long_items, build_sample

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import open_database
from ccs_desktop.services.documents import render_attendance_sheet, render_convocation

LONG_FUNCTION = ("Commandant de la brigade territoriale de gendarmerie de Goundam et "
                 "des postes avancés de la zone nord")


@pytest.fixture(scope="module")
def long_meeting(tmp_path_factory, empty_database_dir):
    """12 agenda items with long titles, a member with a three-line function."""
    folder = tmp_path_factory.mktemp("letters") / "data"
    shutil.copytree(empty_database_dir, folder)
    db = open_database(folder, create=True)
    ids = build_sample(db)
    add_long_items(db, ids)
    with db.session() as s:
        s.query(m.Person).filter(m.Person.family_name == "Koné").one().function = LONG_FUNCTION
    yield db, ids
    db.close()


def test_each_letter_is_one_page_even_with_twelve_items(long_meeting):
    db, ids = long_meeting
    pages = pdf_pages(render_convocation(db, ids["meeting_id"]))
    letters = [flat(p) for p in pages if "Objet" in p]
    assert len(letters) == 9  # 10 members but the chair
    for letter in letters:
        assert "12. Point supplémentaire 8" in letter
        assert "Le Président du CCS" in letter and "Page 1 sur 1" in letter


def test_items_ten_and_more_start_where_the_others_do(long_meeting, tmp_path):
    db, ids = long_meeting
    boxes = [b for b in word_boxes(render_convocation(db, ids["meeting_id"]), tmp_path)
             if b[0] == 1]
    starts = {}
    for _p, word, _x0, y0, x1, _y1 in boxes:
        if word in ("9.", "10.", "12."):
            starts[word] = min(b[2] for b in boxes if abs(b[3] - y0) < 2 and b[2] > x1)
    assert set(starts) == {"9.", "10.", "12."}
    assert abs(starts["9."] - starts["10."]) < 1 and abs(starts["9."] - starts["12."]) < 1


def test_no_agenda_no_sentence_about_its_points(sample):
    db, ids = sample
    with db.session() as s:
        for item in s.query(m.AgendaItem).filter_by(meeting_id=ids["meeting_id"]):
            item.deleted_at = item.updated_at
    text = flat(pdf_pages(render_convocation(db, ids["meeting_id"]))[0])
    assert "points inscrits" not in text and "ordre du jour" not in text
    assert "Votre présence effective est vivement souhaitée." in text


@pytest.mark.parametrize("with_phone", [False, True])
def test_sheet_rows_grow_with_their_content(long_meeting, tmp_path, with_phone):
    db, ids = long_meeting
    pdf = render_attendance_sheet(db, ids["meeting_id"], with_phone=with_phone)
    text = flat(" ".join(pdf_pages(pdf)))
    assert "postes avancés de la zone nord" in text
    # (the big diagonal watermark is not content)
    boxes = [b for b in word_boxes(pdf, tmp_path) if b[5] - b[3] < 15]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:i + 40]:
            if a[0] != b[0]:
                continue
            overlap_x = min(a[4], b[4]) - max(a[2], b[2])
            overlap_y = min(a[5], b[5]) - max(a[3], b[3])
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)  # nothing printed over


def test_sheet_with_phones_is_restricted_on_every_page(long_meeting):
    db, ids = long_meeting
    with_phone = pdf_pages(render_attendance_sheet(db, ids["meeting_id"], with_phone=True))
    assert all("DIFFUSION RESTREINTE" in p for p in with_phone)
    without = pdf_pages(render_attendance_sheet(db, ids["meeting_id"]))
    assert not any("RESTREINTE" in p for p in without)
