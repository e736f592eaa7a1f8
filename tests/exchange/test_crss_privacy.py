"""What the committee later withdraws must leave the CRSS too: a threat restricted after it
was transmitted, names after the committee stopped sharing them; every incoming file is
reduced again at the CRSS; short family names are scrubbed from free text."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import hashlib
import io
import re
from pathlib import Path

from ccs_desktop.db import models as m
from ccs_desktop.services.crss import importer
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import reading
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import PHONE, SECRET_NOTE

SHORT_TEXT = "L'imam BA a signalé ; M. BA est chef de village"


def _own_committee(s) -> m.Committee:  # noqa: ANN001
    own = s.get(m.Setting, "committee_uuid").value
    return s.query(m.Committee).filter_by(uuid=own).one()


def _texts(path: Path) -> list[tuple[str, str, str]]:
    """(table, column, value) for every non-empty text cell of every table."""
    conn = rawdb.connect(path)
    try:
        out = []
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for t in tables:
            cols = [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')]
            for row in conn.execute(f'SELECT * FROM "{t}"'):
                out += [(t, c, v) for c, v in zip(cols, row, strict=True)
                        if isinstance(v, str) and v]
        return out
    finally:
        conn.close()


def _import(crss, db, out: Path, pair) -> importer.ImportReport:  # noqa: ANN001
    t = bk.create_transmission(db, out, crss_public=pair.public_key)
    rep = importer.import_file(crss, t.path, [ct.X25519Identity(pair.private_key)])
    assert rep.ok, rep.message
    return rep


def test_threat_restricted_after_transmission_becomes_a_tombstone_at_crss(
        rich_db, pair, tmp_path: Path) -> None:
    with rich_db.session() as s:
        th = s.query(m.Threat).filter_by(is_restricted=False).order_by(m.Threat.id).first()
        th.description = "EXACTIONS-PATROUILLE-XYZ contre le village"
        th.place_name = "LIEU-SECRET-QWV"
        s.add(m.ThreatAssessment(committee_id=th.committee_id, threat_id=th.id,
                                 date=th.first_reported or m.utcnow().date(), likelihood=3,
                                 impact=4, score=12, note="NOTE-EVALUATION-KLM"))
        s.flush()
        uuid, version = th.uuid, th.version
    crss = importer.open_crss_database(tmp_path / "crss")
    _import(crss, rich_db, tmp_path / "t1", pair)
    with crss.session() as s:
        held = s.query(m.Threat).filter_by(uuid=uuid).one()
        assert held.deleted_at is None and "EXACTIONS" in held.description
    # the committee restricts it (a complaint about FDS conduct): its version rises
    with rich_db.session() as s:
        th = s.query(m.Threat).filter_by(uuid=uuid).one()
        th.is_restricted = True
    with rich_db.session() as s:
        assert s.query(m.Threat).filter_by(uuid=uuid).one().version > version
    rep = _import(crss, rich_db, tmp_path / "t2", pair)
    assert rep.counts["conflicts"] == 0 and rep.counts["deleted"] >= 2
    with crss.session() as s:
        row = s.query(m.Threat).filter_by(uuid=uuid).one()
        assert row.deleted_at is not None
        assert (row.title, row.description, row.place_name) == ("", "", "")
        notes = [(a.deleted_at, a.note) for a in
                 s.query(m.ThreatAssessment).filter_by(threat_id=row.id)]
        assert notes and all(d is not None and n == "" for d, n in notes)
    text = repr(_texts(crss.path))
    for needle in ("EXACTIONS-PATROUILLE-XYZ", "LIEU-SECRET-QWV", "NOTE-EVALUATION-KLM"):
        assert needle not in text, needle
    # the tombstone is stable: the next transmission changes nothing
    again = _import(crss, rich_db, tmp_path / "t3", pair)
    assert again.counts["updated"] == again.counts["deleted"] == again.counts["conflicts"] == 0
    crss.close()


def test_names_withdrawn_when_the_committee_stops_sharing_them(rich_db, pair,
                                                               tmp_path: Path) -> None:
    with rich_db.session() as s:
        c = _own_committee(s)
        c.share_names = True
        s.add(m.Person(committee_id=c.id, title="Imam", given_names="Amadou", family_name="BA",
                       sex="H", category="religieux"))
        people = s.query(m.Person).filter(m.Person.committee_id == c.id,
                                          m.Person.deleted_at.is_(None)).all()
        p0 = people[0]
        item = s.query(m.AgendaItem).filter_by(committee_id=c.id).order_by(
            m.AgendaItem.id).first()
        item.discussion = (f"M. {p0.given_names} {p0.family_name} a présenté le rapport. "
                           + SHORT_TEXT)
    with rich_db.session() as s:
        names = [(p.given_names, p.family_name) for p in s.query(m.Person).filter(
            m.Person.committee_id == _own_committee(s).id, m.Person.deleted_at.is_(None))]
    crss = importer.open_crss_database(tmp_path / "crss")
    _import(crss, rich_db, tmp_path / "t1", pair)
    text = " | ".join(v for _, _, v in _texts(crss.path))
    assert names[0][1] in text and "imam BA" in text  # shared while the setting said so
    with rich_db.session() as s:
        _own_committee(s).share_names = False
    rep = _import(crss, rich_db, tmp_path / "t2", pair)
    assert rep.counts["conflicts"] == 0
    # the committee's rows and what the CRSS kept of its files (the register lists every
    # commune of Mali, where a given name may also be a place)
    # identifiers are hexadecimal: a uuid group may spell a name such as "baba"
    cells = [c for c in _texts(crss.path) if c[0] != "crss_register"
             and not c[1].endswith(("uuid", "sha256", "hash"))]
    for given, family in names:
        for word in {given, family, f"{given} {family}"}:
            if len(word) < 3:
                continue
            pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
            hits = [(t, c) for t, c, v in cells if pattern.search(v)]
            assert not hits, (word, hits)
    for t, c, v in cells:
        assert not re.search(r"(imam|M\.)\s+BA\b", v), (t, c, v)
    with crss.session() as s:
        named = s.query(m.Person).filter(m.Person.given_names != "").count()
        assert named == 0
    # once the names are gone, the next import changes nothing
    again = _import(crss, rich_db, tmp_path / "t3", pair)
    assert again.counts["updated"] == again.counts["new"] == again.counts["conflicts"] == 0
    crss.close()


def test_every_incoming_transmission_is_reduced_again(rich_db, pair, tmp_path: Path) -> None:
    """A transmission made by a modified application still holding a phone number, a
    restricted note, a scan and a restricted threat: none of it reaches the CRSS."""
    snap = tmp_path / "fait-main.sqlite3"
    rawdb.plain_snapshot(rich_db.path, snap, transmission=False, own_uuid=None)  # unreduced
    conn = rawdb.connect(snap)
    assert conn.execute("SELECT COUNT(*) FROM people WHERE phone = ?", (PHONE,)).fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM restricted_notes").fetchone()[0]
    info = reading._committee_info(conn)
    conn.close()
    body = snap.read_bytes()
    manifest = {"ccsbak": 1, "kind": "transmission", "committee": info, "body": "sqlite",
                "created_at": "2024-04-12T10:15:00+00:00", "schema_revision": None,
                "body_size": len(body), "body_sha256": hashlib.sha256(body).hexdigest()}
    buf = io.BytesIO()
    w = ct.ContainerWriter(buf, [ct.X25519Recipient(pair.public_key)], manifest)
    w.write(body)
    w.close()
    forged = tmp_path / "stick" / "forge_transmission.ccsbak"
    forged.parent.mkdir()
    forged.write_bytes(buf.getvalue())
    crss = importer.open_crss_database(tmp_path / "crss")
    rep = importer.import_file(crss, forged, [ct.X25519Identity(pair.private_key)])
    assert rep.ok, rep.message
    crss.close()
    raw = crss.path.read_bytes()
    text = repr(_texts(crss.path))
    for needle in (PHONE, SECRET_NOTE, "PLAINTE-FDS-RESTREINTE", "SCAN-PRIVE", "BROUILLON"):
        assert needle not in text and needle.encode() not in raw, needle
    conn = rawdb.connect(crss.path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM restricted_notes").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM people WHERE phone != ''").fetchone()[0] == 0
        live = conn.execute("SELECT COUNT(*) FROM threats WHERE is_restricted = 1 AND "
                            "deleted_at IS NULL").fetchone()[0]
        assert live == 0
    finally:
        conn.close()


def test_short_family_names_are_scrubbed_after_a_civility(rich_db, tmp_path: Path) -> None:
    with rich_db.session() as s:
        c = _own_committee(s)
        s.add(m.Person(committee_id=c.id, title="Imam", given_names="Amadou", family_name="BA",
                       sex="H", category="religieux"))
        s.add(m.Person(committee_id=c.id, given_names="Fatoumata", family_name="SY",
                       sex="F", category="femmes"))
        item = s.query(m.AgendaItem).filter_by(committee_id=c.id).order_by(
            m.AgendaItem.id).first()
        item.discussion = SHORT_TEXT + " Mme SY et Fatoumata SY ont répondu ; la BA reste."
        uuid = item.uuid
    snap = tmp_path / "t.sqlite3"
    with rich_db.session() as s:
        own = s.get(m.Setting, "committee_uuid").value
    rawdb.plain_snapshot(rich_db.path, snap, transmission=True, own_uuid=own)
    conn = rawdb.connect(snap)
    (text,) = conn.execute("SELECT discussion FROM agenda_items WHERE uuid = ?",
                           (uuid,)).fetchone()
    conn.close()
    assert not re.search(r"\b(BA|SY)\b", text.replace("la BA reste", "")), text
    assert text.startswith("L'imam P-") and "est chef de village" in text
    assert "Mme P-" in text and "Fatoumata" not in text
