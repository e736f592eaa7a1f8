"""`ccs export` and services.export (issue 16): each export opened with openpyxl and csv and
compared row by row with `ccs list … --json`; typed cells, frozen header, autofilter, BOM;
nothing restricted and no phone number anywhere in a file; formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import openpyxl  # noqa: E402  (a dependency: pyproject.toml)

from ccs_desktop.cli import main  # noqa: E402
from ccs_desktop.db.engine import open_database  # noqa: E402
from ccs_desktop.domain import enums  # noqa: E402
from ccs_desktop.services import export  # noqa: E402
from ccs_desktop.services.errors import ValidationError  # noqa: E402
from ccs_desktop.services.hub import Services  # noqa: E402
from ccs_desktop.services.records import ListQuery  # noqa: E402

PHONE = "+223 76 54 32 10"
RESTRICTED_TITLE = "Plainte SECRETE contre une patrouille"
RESTRICTED_NOTE = "NOTE-RESTREINTE-XYZZY"
INJECTION = "=HYPERLINK(\"http://x\",\"clic\")"
KINDS = ("meetings", "threats", "vulnerabilities", "recommendations", "activities", "people")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    data = tmp_path_factory.mktemp("export") / "data"
    assert main(["demo", "--data-dir", str(data), "--seed", "5"]) == 0
    db = open_database(data)
    try:
        sv = Services(db)
        code = sv.threats.types()[0].code
        threat = sv.threats.create(title=RESTRICTED_TITLE, type_code=code, place_name="Toya",
                                   is_restricted=True, first_reported=dt.date(2025, 3, 1))
        sv.threats.create(title="-2 villages sans eau", type_code=code, place_name="@Toya",
                          first_reported=dt.date(2025, 3, 2))
        sv.notes.add(RESTRICTED_NOTE, threat_id=threat.id)
        sv.people.create(given_names="Awa", family_name="Téléphone", sex="F",
                         category="femmes", phone=PHONE, organisation=INJECTION,
                         function="+ trésorière")
        people = sv.people.list()
        for person in people[:3]:
            sv.people.update(person.id, phone=PHONE)
    finally:
        db.close()
    return data


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys, folder, kind, *extra):
    code, out, _err = run(capsys, "list", kind, "--data-dir", str(folder), "--json", *extra)
    assert code == 0
    return json.loads(out)


def exported(capsys, folder, tmp_path, kind, fmt, *extra):
    out = tmp_path / f"{kind}.{fmt}"
    code, stdout, err = run(capsys, "export", kind, "--data-dir", str(folder), "--format", fmt,
                            "--out", str(out), *extra)
    assert code == 0, err
    assert stdout.strip() == str(out.resolve())
    return out


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def _yes(value):
    return "Oui" if value else "Non"


def expected_rows(folder, kind, rows):
    """What the export's cells hold for the JSON rows of `ccs list` (labels, dates, ints)."""
    db = open_database(folder)
    try:
        types = {t.code: t.label for t in Services(db).threats.types()}
    finally:
        db.close()
    lab = lambda enum, code: enum.label_of(code) if code else ""  # noqa: E731
    out = []
    for r in rows:
        if kind == "meetings":
            cells = [r["reference"], _date(r["date"]), lab(enums.MeetingKind, r["kind"]),
                     lab(enums.MeetingStatus, r["status"]), r["place"]]
        elif kind == "threats":
            if r["title"] == RESTRICTED_TITLE:
                continue
            cells = [r["title"], types.get(r["type"], r["type"]), r["place"],
                     lab(enums.RiskLevel, r["level"]), r["score"], lab(enums.Trend, r["trend"]),
                     lab(enums.ThreatStatus, r["status"]), _date(r["first_reported"])]
        elif kind == "vulnerabilities":
            cells = [r["title"], lab(enums.PlaceKind, r["place_kind"]), r["place"],
                     lab(enums.VulnerabilityStatus, r["status"]), _date(r["first_reported"])]
        elif kind == "recommendations":
            cells = [r["text"], r["addressee"], _date(r["deadline"]),
                     lab(enums.Priority, r["priority"]),
                     lab(enums.RecommendationStatus, r["status"])]
        elif kind == "activities":
            cells = [_date(r["date"]), lab(enums.ActivityKind, r["kind"]), r["title"],
                     r["place"], r["reached_men"] + r["reached_women"] + r["reached_young_men"]
                     + r["reached_young_women"], r["partner"]]
        else:
            name = " ".join(p for p in (r["title"], " ".join(
                p for p in (r["given_names"], r["family_name"].upper()) if p)) if p)
            member = ("Inactif" if not r["is_active"] else
                      "Membre" if r["is_member"] else "Invité(e)")
            cells = [name, lab(enums.Sex, r["sex"]), _yes(r["is_youth"]),
                     lab(enums.Category, r["category"]), r["organisation"], r["function"],
                     member]
        out.append([export.safe_text(c) if isinstance(c, str) else c for c in cells])
    return out


def xlsx_rows(path):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    clean = []
    for row in rows[1:]:
        clean.append([v.date() if isinstance(v, dt.datetime) else ("" if v is None else v)
                      for v in row])
    return book, rows[0], clean


def csv_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: a French Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    return rows[0], rows[1:]


def _as_csv(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _no_secret_in(texts):
    blob = "\n".join(texts)
    assert PHONE not in blob
    assert "76 54 32 10" not in blob
    assert RESTRICTED_TITLE not in blob
    assert RESTRICTED_NOTE not in blob


def _all_cells(book):
    return [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
            for v in row if v is not None]


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_is_the_list_row_by_row(capsys, folder, tmp_path, kind):
    path = exported(capsys, folder, tmp_path, kind, "xlsx")
    book, header, rows = xlsx_rows(path)
    want = expected_rows(folder, kind, listed(capsys, folder, kind))
    assert rows == [[("" if c is None else c) for c in w] for w in want]
    sheet = book.worksheets[0]
    assert book.active.title == sheet.title  # the first sheet is the active one
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}" \
                                    f"{len(rows) + 1}"
    assert all(isinstance(h, str) and h for h in header)
    assert book.worksheets[1].title == "Dictionnaire des données"
    _no_secret_in(_all_cells(book))


@pytest.mark.parametrize("kind", KINDS)
def test_csv_is_the_list_row_by_row(capsys, folder, tmp_path, kind):
    path = exported(capsys, folder, tmp_path, kind, "csv")
    header, rows = csv_rows(path)
    want = expected_rows(folder, kind, listed(capsys, folder, kind))
    assert rows == [[_as_csv(c) for c in w] for w in want]
    _no_secret_in([path.read_bytes().decode("utf-8-sig")])


def test_french_titles_and_typed_cells(capsys, folder, tmp_path):
    book, header, _rows = xlsx_rows(exported(capsys, folder, tmp_path, "threats", "xlsx"))
    assert header == ("Menace", "Type", "Lieu", "Niveau", "Score", "Tendance", "Statut",
                      "Signalée le")
    sheet = book.worksheets[0]
    score, first = sheet.cell(2, 5), sheet.cell(2, 8)
    assert score.data_type == "n" and isinstance(score.value, int)
    assert first.is_date and first.number_format == "DD/MM/YYYY"
    csv_header, _ = csv_rows(exported(capsys, folder, tmp_path, "meetings", "csv"))
    assert csv_header == ["Référence", "Date", "Type", "Statut", "Lieu"]


def test_search_and_period_are_the_lists(capsys, folder, tmp_path):
    path = exported(capsys, folder, tmp_path, "meetings", "csv", "--search", "ordinaire")
    _h, rows = csv_rows(path)
    want = listed(capsys, folder, "meetings", "--search", "ordinaire")
    assert [r[0] for r in rows] == [w["reference"] for w in want] and rows
    path = exported(capsys, folder, tmp_path, "activities", "xlsx", "--period", "2025-Q1")
    _b, _h, rows = xlsx_rows(path)
    want = [w for w in listed(capsys, folder, "activities")
            if "2025-01-01" <= w["date"] <= "2025-03-31"]
    assert [r[2] for r in rows] == [w["title"] for w in want]
    assert all(dt.date(2025, 1, 1) <= r[0] <= dt.date(2025, 3, 31) for r in rows)


def test_formulas_are_neutralised_in_both_formats(capsys, folder, tmp_path):
    book, _h, rows = xlsx_rows(exported(capsys, folder, tmp_path, "people", "xlsx"))
    awa = [r for r in rows if "TÉLÉPHONE" in r[0]][0]
    assert awa[4] == "'" + INJECTION and awa[5] == "'+ trésorière"
    cells = [c for row in book.worksheets[0].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # not one formula in the file
    _h, rows = csv_rows(exported(capsys, folder, tmp_path, "people", "csv"))
    awa = [r for r in rows if "TÉLÉPHONE" in r[0]][0]
    assert awa[4] == "'" + INJECTION
    _h, rows = csv_rows(exported(capsys, folder, tmp_path, "threats", "csv"))
    minus = [r for r in rows if "villages sans eau" in r[0]][0]
    assert minus[0] == "'-2 villages sans eau" and minus[2] == "'@Toya"


@pytest.mark.parametrize("text", ["=1+2", "+33", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_text(text):  # noqa: D103
    assert export.safe_text(text) == "'" + text
    assert export.safe_text("a" + text) == "a" + text
    assert export.safe_text("a\x00b\x1fc") == "abc"


@given(st.text(max_size=20))
def test_no_text_becomes_a_formula(text):
    safe = export.safe_text(text)
    kept = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)
    assert safe in (kept, "'" + kept)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_sensitive_data_needs_an_administrator(folder, tmp_path):
    db = open_database(folder)
    try:
        sv = Services(db)
        # a secretary (not an administrator) is refused, and nothing is written
        import rawdb

        from ccs_desktop.db import unlock
        from ccs_desktop.services import roles

        admin = db.credentials  # the demo's accounts: admin, secretaire, lecteur
        db.credentials = unlock.Credentials("secretaire", rawdb.TEST_PASSWORD)
        roles.forget(db)
        try:
            with pytest.raises(roles.Forbidden, match="administrat|export"):
                export.export_list(sv, "people", None, tmp_path / "p.xlsx",
                                   include_sensitive=True)
            assert not (tmp_path / "p.xlsx").exists()
            with pytest.raises(roles.Forbidden):
                list(export.iter_rows(sv, "threats", include_sensitive=True))
        finally:
            db.credentials = admin
            roles.forget(db)
        # an administrator may, after the warning (the command line's --sensitive)
        export.export_list(sv, "people", None, tmp_path / "p.csv", "csv",
                           include_sensitive=True)
        assert PHONE in (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
        titles = [t.title for t in export.iter_rows(sv, "threats", include_sensitive=True)]
        assert RESTRICTED_TITLE in titles
        assert RESTRICTED_TITLE not in [t.title for t in export.iter_rows(sv, "threats")]
    finally:
        db.close()


def test_rows_are_the_services_rows_with_filters(folder):
    db = open_database(folder)
    try:
        sv = Services(db)
        query = ListQuery(filters={"status": "active"}, order_by="title", descending=True)
        got = [t.id for t in export.iter_rows(sv, "threats", query)]
        want = [t.id for t in sv.threats.rows(query) if not t.is_restricted]
        assert got == want and got
    finally:
        db.close()


def test_attendance_export(capsys, folder, tmp_path):
    from sqlalchemy import func, select

    from ccs_desktop.db import models as m

    _b, header, rows = xlsx_rows(exported(capsys, folder, tmp_path, "attendance", "xlsx"))
    assert header[:3] == ("Référence", "Date", "Nom")
    db = open_database(folder)
    try:
        with db.session() as s:
            n = s.scalar(select(func.count()).select_from(m.Attendance)
                         .join(m.Meeting, m.Meeting.id == m.Attendance.meeting_id)
                         .where(m.Attendance.deleted_at.is_(None),
                                m.Meeting.deleted_at.is_(None)))
    finally:
        db.close()
    assert len(rows) == n > 0
    meetings = [w["reference"] for w in listed(capsys, folder, "meetings")]
    seen = list(dict.fromkeys(r[0] for r in rows))
    assert seen == [ref for ref in meetings if ref in seen]  # the meetings list's order
    _h, rows = csv_rows(exported(capsys, folder, tmp_path, "attendance", "csv"))
    _no_secret_in([";".join(r) for r in rows])


def test_indicators(capsys, folder, tmp_path):
    from sqlalchemy import func, select

    from ccs_desktop.db import models as m

    path = exported(capsys, folder, tmp_path, "indicators", "xlsx")
    book, header, rows = xlsx_rows(path)
    assert header == ("pcode", "comite", "mois", "indicateur", "valeur")[:2] + (
        "niveau",) + ("mois", "indicateur", "valeur")
    assert {r[0] for r in rows} == {"ML060101"}  # Alafia's P-code, from the place list
    codes = {code for code, _t in __import__(
        "ccs_desktop.services.export_indicators", fromlist=["x"]).indicators()}
    assert {r[4] for r in rows} == codes
    assert all(isinstance(r[5], int) for r in rows)
    db = open_database(folder)
    try:
        with db.session() as s:
            held = s.scalar(select(func.count()).select_from(m.Meeting).where(
                m.Meeting.deleted_at.is_(None), m.Meeting.status.in_(("held", "adopted"))))
            names = [p.family_name for p in s.scalars(select(m.Person))]
    finally:
        db.close()
    assert sum(r[5] for r in rows if r[4] == "meetings_held") == held
    dictionary = [r[0] for r in book.worksheets[1].iter_rows(values_only=True)]
    assert codes <= set(dictionary)
    cells = _all_cells(book)
    assert not any(name and name in cell for name in names for cell in cells)
    out = exported(capsys, folder, tmp_path, "indicators", "csv", "--period", "2025")
    _h, rows = csv_rows(out)
    assert rows and all(r[3].startswith("2025-") for r in rows)
    _h, lines = csv_rows(out.with_name("indicators_dictionnaire.csv"))
    assert codes <= {line[0] for line in lines}


def test_cli_refusals(capsys, folder, tmp_path):
    code, _o, err = run(capsys, "export", "meetings", "--data-dir", str(folder), "--out",
                        str(tmp_path / "x.xlsx"), "--period", "2024-13")
    assert code == 2 and "mois 13" in err
    code, _o, err = run(capsys, "export", "people", "--data-dir", str(folder), "--out",
                        str(tmp_path / "x.xlsx"), "--period", "2024")
    assert code == 1 and "période" in err
    existing = tmp_path / "there.csv"
    existing.write_text("x")
    code, _o, err = run(capsys, "export", "meetings", "--data-dir", str(folder), "--out",
                        str(existing))
    assert code == 1 and "--force" in err and existing.read_text() == "x"
    code, _o, err = run(capsys, "export", "meetings", "--data-dir", str(folder), "--out",
                        str(Path(folder) / "inside.xlsx"))
    assert code == 1 and not (Path(folder) / "inside.xlsx").exists()
    with pytest.raises(SystemExit) as exited:
        main(["export", "nothing", "--data-dir", str(folder), "--out", str(tmp_path / "y")])
    assert exited.value.code == 2
    # the format follows the extension when not given
    code, _o, _e = run(capsys, "export", "meetings", "--data-dir", str(folder), "--out",
                       str(tmp_path / "auto.csv"))
    assert code == 0 and (tmp_path / "auto.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_crss_database_exports_the_committee_first(folder, tmp_path):
    from ccs_desktop.db import settings

    db = open_database(folder)
    try:
        sv = Services(db)
        export.export_list(sv, "meetings", None, tmp_path / "own.csv", "csv")
        header, _rows = csv_rows(tmp_path / "own.csv")
        assert header[0] == "Référence"  # a committee's own lists: no "Comité" column
        settings.write_db(db, settings.MODE, settings.CRSS_MODE)
        try:
            export.export_list(sv, "meetings", None, tmp_path / "crss.xlsx")
        finally:
            settings.write_db(db, settings.MODE, settings.COMMITTEE_MODE)
        code = sv.committee.own().code
    finally:
        db.close()
    _book, header, rows = xlsx_rows(tmp_path / "crss.xlsx")
    assert header[:2] == ("Comité", "Référence")
    assert rows and {r[0] for r in rows} == {code}


def test_cli_sensitive_export_warns_and_needs_an_administrator(folder, tmp_path, capsys):
    """`--sensitive`: an administrator's export with the phones, after a French warning; a
    secretary's is refused (exit 1) and writes nothing."""
    import rawdb

    from ccs_desktop import cli

    out = tmp_path / "membres.csv"
    assert cli.main(["export", "people", "--data-dir", str(folder), "--out", str(out),
                     "--sensitive"]) == 0
    err = capsys.readouterr().err
    assert "Attention" in err and PHONE in out.read_text(encoding="utf-8-sig")
    secret = tmp_path / "mdp.txt"
    secret.write_text(rawdb.TEST_PASSWORD + "\n", encoding="utf-8")
    other = tmp_path / "autre.csv"
    code = cli.main(["export", "people", "--data-dir", str(folder), "--out", str(other),
                     "--sensitive", "--user", "secretaire", "--password-file", str(secret)])
    assert code == 1 and not other.exists()
    assert "Refusé" in capsys.readouterr().err
