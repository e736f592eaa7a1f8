"""Snapshots of a database (VACUUM INTO), their reduction to a transmission, and the safe
opening of a snapshot that came from elsewhere.

A snapshot never carries the full-text tables (rebuilt on arrival) nor deleted content: the
copy is made with VACUUM INTO, tombstones are cleared again, and after any change the file is
VACUUMed once more, with secure_delete on, so no freed page keeps old text.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
import tempfile
import unicodedata
import uuid as uuidlib
from pathlib import Path

from ...db import cipher
from ...db import models as m
from ...db import models_exchange as mx
from ...db.search import FTS_TABLES, create_sql, is_fts_table
from ...i18n import _
from ..errors import UserError

PSEUDONYM_SETTING = "pseudonym_secret"
CRSS_KEY_SETTING = "crss_public_key"
# settings that travel in a transmission; everything else (pseudonym secret, options) stays
TRANSMITTED_SETTINGS = ("committee_uuid", "mode")
CRSS_TABLES = (mx.RegisterEntry.__tablename__, mx.ImportLogEntry.__tablename__,
               mx.ImportConflict.__tablename__, mx.CommitteeKey.__tablename__)
# the body kinds of a manifest: a SQLCipher database under the manifest's `body_key`
# (format 2), or "sqlite" (format 1: plain, or under `body_key` since issue 11)
BODY_SQLCIPHER, BODY_SQLITE = "sqlcipher-1", "sqlite"

# What a transmission carries: every table of the model is declared here, travelling or
# staying (tests/exchange/test_travelling_tables.py fails for a table without a decision);
# every table of a snapshot that is not declared travelling is emptied by `strip_private`,
# whatever it is (accounts, audit trail, drafts, a table a later version adds).
TRAVELLING_TABLES = frozenset({
    "alembic_version", "settings",  # settings: reduced to TRANSMITTED_SETTINGS
    "committees", "people", "meetings", "agenda_items", "attendance", "amendments",
    "threat_types", "threats", "threat_assessments", "vulnerabilities", "recommendations",
    "recommendation_followups", "activities",
    "stored_documents",  # only the PDFs of adopted PVs
    "meeting_threats", "meeting_vulnerabilities", "recommendation_threats",
    "recommendation_vulnerabilities",
})
# the accounts and their roles, the audit trail and the heads of the committees' trails the
# CRSS received stay (issue 13); so do the CRSS's monthly figures (counted from the rows)
STAYING_TABLES = frozenset({"attachments", "restricted_notes", "accounts", "audit_entries",
                            "crss_audit_heads", "crss_arrivals", "crss_monthly",
                            "crss_monthly_corps", "crss_monthly_stale", *CRSS_TABLES})


class SnapshotError(UserError):
    pass


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def vacuum_into(src: Path, dest: Path, key: bytes | None = None) -> None:
    """A consistent, compact copy of `src` (no free pages) into the new file `dest`, under
    the same key (SQLCipher)."""
    conn = cipher.connect(src, key, timeout=30)
    try:
        conn.execute("VACUUM INTO ?", (str(dest),))
    finally:
        conn.close()


def _blob_columns(table) -> list[str]:  # noqa: ANN001
    from sqlalchemy import LargeBinary

    return [c.name for c in table.columns if isinstance(c.type, LargeBinary)]


def clear_tombstones(conn: cipher.Connection) -> None:
    """Deleted rows keep id, uuid, version, generation and deletion time; their content goes."""
    for model in m.SYNCABLE_MODELS:
        t = model.__table__
        sets = []
        for name in model.__sync_content__:
            sets.append(f"{_q(name)} = {'NULL' if t.columns[name].nullable else chr(39) * 2}")
        for name in _blob_columns(t):
            sets.append(f"{_q(name)} = NULL")
        if sets:
            conn.execute(f"UPDATE {_q(t.name)} SET {', '.join(sets)} "
                         "WHERE deleted_at IS NOT NULL")


def drop_fts(conn: cipher.Connection) -> None:
    for table in FTS_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {_q(table)}")


def drop_statistics(conn: cipher.Connection) -> None:
    """Drop the planner statistics (`sqlite_stat1`, `sqlite_stat4`... left by ANALYZE or
    `PRAGMA optimize` on the live database and copied by VACUUM INTO): a snapshot carries
    none, and a foreign one that does is refused by `check_schema`."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name LIKE 'sqlite\\_stat%' ESCAPE '\\'")]
    for name in names:
        conn.execute(f"DROP TABLE {_q(name)}")


def create_fts(conn: cipher.Connection) -> None:
    for table in FTS_TABLES:
        conn.execute(create_sql(table))


def ensure_pseudonym_secret(conn: cipher.Connection) -> str:
    row = conn.execute("SELECT value FROM settings WHERE key = ?",
                       (PSEUDONYM_SETTING,)).fetchone()
    if row and row[0]:
        return row[0]
    secret = secrets.token_hex(32)
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                 (PSEUDONYM_SETTING, secret))
    return secret


def pseudonym(secret: str, person_uuid: str) -> tuple[str, str]:
    """(stable pseudonymous uuid, short code such as 'P-7KQX-M2PA') for a person."""
    digest = hmac.new(bytes.fromhex(secret), person_uuid.encode("ascii"), hashlib.sha256).digest()
    pid = str(uuidlib.UUID(bytes=digest[:16], version=4))
    import base64

    b32 = base64.b32encode(digest[16:26]).decode("ascii")
    return pid, f"P-{b32[:4]}-{b32[4:8]}"


# Words that introduce a name in the minutes ("M. BA", "l'imam SY", "le chef LY"): a family
# name of one or two letters is replaced only after one of them (or after the person's own
# given names or title), a longer one wherever it stands as a word.
CIVILITIES = (
    "m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "docteur", "pr",
    "professeur", "me", "maitre", "hadj", "hadja", "hadji", "el hadj", "el hadji", "elhadj",
    "imam", "chef", "cheick", "cheikh", "cherif", "marabout", "oustaz", "ustaz", "maire",
    "prefet", "sous-prefet", "gouverneur", "president", "presidente", "conseiller",
    "conseillere", "secretaire", "capitaine", "commandant", "lieutenant", "adjudant",
    "adjudant-chef", "sergent", "brigadier", "colonel", "general", "caporal", "soldat",
    "agent", "vieux", "dame", "sieur", "notable", "temoin",
)
SHORT_NAME = 3  # family names shorter than this are replaced only after a civility


def _words(piece: str) -> list[str]:
    return [re.escape(w) for w in _fold(piece).split()]


def _name_patterns(given: str, family: str, title: str) -> list[tuple[int, str]]:
    """(weight, regex on folded text) for one person's names; the name is the group `n`.

    Longer pieces weigh more and are applied first (a full name is replaced as one code)."""
    out: list[tuple[int, str]] = []

    def whole(piece: str) -> None:
        words = _words(piece)
        if words:
            out.append((len(piece), r"(?<!\w)(?P<n>" + r"\s+".join(words) + r")(?!\w)"))

    given, family, title = (given or "").strip(), (family or "").strip(), (title or "").strip()
    candidates = [" ".join(p for p in (given, family) if p),
                  " ".join(p for p in (family, given) if p), family, given]
    candidates += given.split() + family.split()
    seen = set()
    for piece in candidates:
        if piece and len(piece) >= SHORT_NAME and _fold(piece) not in seen:
            seen.add(_fold(piece))
            whole(piece)
    if family and len(family) < SHORT_NAME:
        intro = {r"\s+".join(_words(c)) for c in CIVILITIES}
        for extra in [given, title] + given.split() + title.split():
            if extra and _words(extra):
                intro.add(r"\s+".join(_words(extra)))
        fam = r"\s+".join(_words(family))
        out.append((len(family),
                    r"(?<!\w)(?:" + "|".join(sorted(intro, key=len, reverse=True))
                    + r")(?:\.\s*|\s+)(?P<n>" + fam + r")(?!\w)"))
    return out


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn").casefold()


def _tombstone(conn: cipher.Connection, model, where: str, deleted_at: str,  # noqa: ANN001
               params: tuple = ()) -> None:
    """Turn the rows matching `where` into tombstones: deletion time set (kept when already
    set), `__sync_content__` text and blobs emptied; id, uuid, version and generation kept."""
    t = model.__table__
    sets = [f"deleted_at = COALESCE(deleted_at, {deleted_at})"]
    for name in model.__sync_content__:
        sets.append(f"{_q(name)} = {'NULL' if t.columns[name].nullable else chr(39) * 2}")
    for name in _blob_columns(t):
        if name not in model.__sync_content__:
            sets.append(f"{_q(name)} = NULL")
    conn.execute(f"UPDATE {_q(t.name)} SET {', '.join(sets)} WHERE {where}", params)


def strip_private(conn: cipher.Connection) -> None:
    """The part of the reduction that pseudonymises nothing, applied to every file that
    leaves a committee and again to every file the CRSS imports (a transmission made by an
    older or modified application is not trusted to be reduced already). In place.

    - no restricted notes, no attachments (scans, photos);
    - a restricted threat (complaint about FDS conduct) travels as a tombstone, and so do its
      assessments, so that the CRSS clears a copy it received before the restriction: the
      threat's version rose when it was restricted. Its meeting and recommendation links go;
    - stored PDFs only for adopted PVs; no phone numbers;
    - settings reduced to the committee identity (never the signing key nor the pseudonym
      secret); the CRSS tables emptied, and so is every table not declared in
      TRAVELLING_TABLES (FTS tables excepted: dropped or rebuilt from the rows)."""
    conn.execute("DELETE FROM restricted_notes")
    conn.execute("DELETE FROM attachments")
    restricted = "SELECT id FROM threats WHERE is_restricted = 1"
    for link in ("meeting_threats", "recommendation_threats"):
        conn.execute(f"DELETE FROM {link} WHERE threat_id IN ({restricted})")
    # the deletion time must not change from one file to the next (else the same version
    # would differ at the CRSS): the moment of the last change, i.e. the restriction
    when = "COALESCE(updated_at, created_at, '2024-01-01 00:00:00')"
    _tombstone(conn, m.Threat, "is_restricted = 1", when)
    _tombstone(conn, m.ThreatAssessment, f"threat_id IN ({restricted})",
               "(SELECT t.deleted_at FROM threats t WHERE t.id = threat_assessments.threat_id)")
    conn.execute("DELETE FROM stored_documents WHERE deleted_at IS NULL AND meeting_id NOT IN "
                 "(SELECT id FROM meetings WHERE status = 'adopted' AND deleted_at IS NULL)")
    conn.execute("UPDATE people SET phone = '' WHERE phone != ''")
    conn.execute(f"DELETE FROM settings WHERE key NOT IN "
                 f"({','.join('?' * len(TRANSMITTED_SETTINGS))})", TRANSMITTED_SETTINGS)
    for table in CRSS_TABLES[::-1]:
        conn.execute(f"DELETE FROM {table}")
    empty_undeclared(conn)


def empty_undeclared(conn: cipher.Connection) -> list[str]:
    """Empty every table that is not declared travelling (FTS tables left to their own
    rules); returns their names."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    emptied = [n for n in names if n not in TRAVELLING_TABLES and not is_fts_table(n)]
    for name in emptied:
        conn.execute(f"DELETE FROM {_q(name)}")
    return emptied


LINK_TABLES = ("meeting_threats", "meeting_vulnerabilities", "recommendation_threats",
               "recommendation_vulnerabilities")


def delete_orphan_links(conn: cipher.Connection) -> None:
    """Links (meeting/recommendation to threat/vulnerability) whose side is gone: rows are
    deleted here with foreign keys off, so the cascade of the schema does not run."""
    for table in LINK_TABLES:
        fks = conn.execute(f"PRAGMA foreign_key_list({_q(table)})").fetchall()
        for f in fks:
            parent, col, ref = f[2], f[3], f[4] or "id"
            conn.execute(f"DELETE FROM {_q(table)} WHERE {_q(col)} NOT IN "
                         f"(SELECT {_q(ref)} FROM {_q(parent)})")


def reduce_to_transmission(conn: cipher.Connection, own_uuid: str) -> None:
    """Keep what the CRSS needs and no more (DOMAIN.md, last section). In place, on a snapshot.

    - `strip_private` (restricted notes, attachments, restricted threats as tombstones,
      stored PDFs of PVs not adopted, phone numbers, settings, CRSS tables);
    - only the own committee's rows;
    - unless the committee shares names, people become stable pseudonymous codes (uuid and
      code derived with a per-committee secret), keeping category, corps, sex and youth;
      their names are also replaced in free text.
    """
    own = conn.execute("SELECT id, share_names FROM committees WHERE uuid = ?",
                       (own_uuid,)).fetchone()
    if own is None:
        raise SnapshotError(_("The committee of this database cannot be found: no "
                              "transmission is possible."))
    own_id, share_names = own
    secret = ensure_pseudonym_secret(conn)  # before the settings go
    strip_private(conn)
    # other committees' rows (a database that gathered others) do not travel from here
    for model in reversed(m.SYNCABLE_MODELS):
        if model is m.Committee:
            continue
        conn.execute(f"DELETE FROM {model.__tablename__} WHERE committee_id != ?", (own_id,))
    conn.execute("UPDATE committees SET chair_id = NULL, secretary_id = NULL WHERE id != ?",
                 (own_id,))
    conn.execute("DELETE FROM committees WHERE id != ?", (own_id,))
    conn.execute("UPDATE threat_types SET committee_id = NULL WHERE committee_id IS NOT NULL "
                 "AND committee_id != ?", (own_id,))
    delete_orphan_links(conn)
    if not share_names:
        from ..documents.crss_version import replace_in_snapshot

        # the adopted PVs travel as their CRSS version: people by code and function
        replace_in_snapshot(conn, lambda person_uuid: pseudonym(secret, person_uuid)[1],
                            _name_patterns, _replace_folded)
        people = conn.execute("SELECT id, uuid, title, given_names, family_name FROM people"
                              ).fetchall()
        replacements: list[tuple[int, str, str]] = []
        for pid, puuid, title, given, family in people:
            new_uuid, code = pseudonym(secret, puuid)
            conn.execute("UPDATE people SET uuid = ?, title = '', given_names = '', "
                         "family_name = CASE WHEN deleted_at IS NULL THEN ? ELSE '' END, "
                         "organisation = '', function = '', sort_key = ? WHERE id = ?",
                         (new_uuid, code, code.lower(), pid))
            for weight, pattern in _name_patterns(given or "", family or "", title or ""):
                replacements.append((weight, pattern, code))
        if replacements:
            scrub_names(conn, replacements)


# a person's code as `pseudonym` writes it, and the same in a sort key
PSEUDONYM_CODE = re.compile(r"P-[A-Z2-7]{4}-[A-Z2-7]{4}")
# codes given at the CRSS to people a file should have pseudonymised and did not: derived
# from the row's uuid with a fixed key, so that the same row gets the same code at every
# import (no secret is needed: the code hides a name, and the uuid carries none)
CRSS_PSEUDONYM_KEY = hashlib.sha256(b"ccs-desktop/crss/pseudonymise-again").hexdigest()
NOT_PSEUDONYMOUS_SQL = (
    "(COALESCE(title, '') != '' OR COALESCE(given_names, '') != '' OR "
    "COALESCE(organisation, '') != '' OR COALESCE(function, '') != '' OR "
    "COALESCE(phone, '') != '' OR (COALESCE(family_name, '') != '' AND "
    "family_name NOT GLOB 'P-[A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7]-[A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7]')"
    " OR (COALESCE(sort_key, '') != '' AND UPPER(sort_key) NOT GLOB "
    "'P-[A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7]-[A-Z2-7][A-Z2-7][A-Z2-7][A-Z2-7]'))")


def pseudonymise_again(conn: cipher.Connection) -> int:
    """For a file that says its committee does not share names, whatever it carries: every
    people row that still holds a name (title, given names, organisation, function, phone,
    or a family name that is not a code) gets a code instead, and its names are replaced by
    that code in the free text of the file. Rows already reduced (codes only) are left as
    they are. In place; returns how many people were pseudonymised here."""
    rows = conn.execute("SELECT id, uuid, title, given_names, family_name, deleted_at "
                        f"FROM people WHERE {NOT_PSEUDONYMOUS_SQL}").fetchall()
    replacements: list[tuple[int, str, str]] = []
    for pid, puuid, title, given, family, deleted_at in rows:
        digest = hmac.new(bytes.fromhex(CRSS_PSEUDONYM_KEY), str(puuid).encode("utf-8"),
                          hashlib.sha256).digest()
        import base64

        b32 = base64.b32encode(digest[16:26]).decode("ascii")
        code = f"P-{b32[:4]}-{b32[4:8]}"
        conn.execute("UPDATE people SET title = '', given_names = '', family_name = ?, "
                     "organisation = '', function = '', phone = '', sort_key = ? WHERE id = ?",
                     ("" if deleted_at is not None else code, code.lower(), pid))
        texts = [v if isinstance(v, str) else "" for v in (given, family, title)]
        for weight, pattern in _name_patterns(*texts):
            replacements.append((weight, pattern, code))
    if replacements:
        scrub_names(conn, replacements)
    return len(rows)


def _text_columns(model) -> list[str]:  # noqa: ANN001
    from sqlalchemy import String, Text

    return [c.name for c in model.__table__.columns
            if isinstance(c.type, (String, Text)) and c.name not in ("uuid",)
            and (isinstance(c.type, Text) or (c.type.length or 0) >= 80)]


def scrub_names(conn: cipher.Connection, replacements: list[tuple[int, str, str]],
                committee_id: int | None = None) -> int:
    """Replace people's names (whole words, accents and case ignored) in the free-text
    columns of every record but people (of one committee when `committee_id` is given);
    `replacements` are (weight, regex from `_name_patterns`, replacement). Returns the
    number of rows changed."""
    replacements = sorted(replacements, key=lambda r: -r[0])
    patterns = [(re.compile(pattern), code) for _weight, pattern, code in replacements]
    changed = 0
    for model in m.SYNCABLE_MODELS:
        if model is m.Person:
            continue
        t = model.__table__
        cols = _text_columns(model)
        if not cols:
            continue
        where, params = "1", ()
        if committee_id is not None:
            where = "id = ?" if model is m.Committee else "committee_id = ?"
            params = (committee_id,)
        for row in conn.execute(f"SELECT id, {', '.join(_q(c) for c in cols)} FROM "
                                f"{_q(t.name)} WHERE {where}", params).fetchall():
            changes = {}
            for col, value in zip(cols, row[1:], strict=True):
                if not value or not isinstance(value, str):
                    continue
                new = _replace_folded(value, patterns)
                if new != value:
                    changes[col] = new
            if changes:
                changed += 1
                conn.execute(f"UPDATE {_q(t.name)} SET "
                             + ", ".join(f"{_q(c)} = ?" for c in changes) + " WHERE id = ?",
                             (*changes.values(), row[0]))
    return changed


def _replace_folded(value: str, patterns: list) -> str:
    """Apply the patterns on the folded text, mapping positions back to the original; a
    pattern with a group `n` replaces only that group (the civility before it stays).

    Folding removes combining marks only, so we fold character by character and keep, for
    each folded character, the index of its source character."""
    folded_chars, index = [], []
    for i, ch in enumerate(value):
        f = _fold(ch).replace("\u2019", "'")
        for c in f:
            folded_chars.append(c)
            index.append(i)
    folded = "".join(folded_chars)
    spans = []
    for pattern, code in patterns:
        named = "n" in pattern.groupindex
        for mt in pattern.finditer(folded):
            a, b = mt.span("n") if named else mt.span()
            if b > a:
                start, end = index[a], index[b - 1] + 1
                if not any(s < end and start < e for s, e, _code in spans):
                    spans.append((start, end, code))
    if not spans:
        return value
    out, pos = [], 0
    for start, end, code in sorted(spans):
        out.append(value[pos:start])
        out.append(code)
        pos = end
    out.append(value[pos:])
    return "".join(out)


def table_counts(conn: cipher.Connection) -> dict[str, dict[str, int]]:
    counts = {}
    for model in m.SYNCABLE_MODELS:
        live, dead = conn.execute(
            f"SELECT COUNT(*) FILTER (WHERE deleted_at IS NULL), "
            f"COUNT(*) FILTER (WHERE deleted_at IS NOT NULL) FROM {model.__tablename__}"
        ).fetchone()
        counts[model.__tablename__] = {"live": live, "deleted": dead}
    return counts


def make_snapshot(db_path: Path, dest: Path, *, transmission: bool, own_uuid: str | None,
                  key: bytes | None = None, body_key: bytes | None = None,
                  settings: dict[str, str] | None = None) -> dict:
    """Write a clean snapshot of the database at `db_path` (unlocked with `key`) into `dest`
    (a new file): under the same key, or re-keyed under `body_key` (a transmission's own
    random key, which travels in the encrypted manifest). Nothing is ever written in clear:
    the work copy is under the database's key too.

    `settings`: values written into the copy (the number of the file being written, which
    the live database records only once the file is in place).

    Returns {"revision", "counts"} for the manifest."""
    work = dest.with_name(dest.name + ".work")
    for p in (dest, work):
        p.unlink(missing_ok=True)
    try:
        vacuum_into(db_path, work, key)
        conn = cipher.connect(work, key, isolation_level=None)
        try:
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("BEGIN")
            drop_fts(conn)
            drop_statistics(conn)
            clear_tombstones(conn)
            for name, value in (settings or {}).items():
                conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             (name, value))
            if transmission:
                if not own_uuid:
                    raise SnapshotError(_("No committee is set up in this database: "
                                          "nothing to transmit."))
                reduce_to_transmission(conn, own_uuid)
            conn.execute("COMMIT")
            rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = table_counts(conn)
            if body_key is not None and body_key != key:
                cipher.export(conn, dest, body_key)
            else:
                cipher.vacuum_into(conn, dest)
        finally:
            conn.close()
    finally:
        work.unlink(missing_ok=True)
    return {"revision": rev[0] if rev else None, "counts": counts}


# --------------------------------------------------------------------------- foreign files

def _bad_snapshot(detail: str) -> SnapshotError:
    return SnapshotError(_("The content of the file is not a valid CCS database "
                           "({detail}). Nothing was changed.").format(detail=detail))


def open_foreign(path: Path, *, readonly: bool = True, key: bytes | None = None
                 ) -> cipher.Connection:
    """Open a snapshot that came from elsewhere without trusting it: no schema code runs,
    cell sizes are checked, quick_check passes. Rows must not be read before
    `check_schema` has compared the schema with the one expected. `key`: the body's key
    (from the file's encrypted manifest; None for a plain body of an older file)."""
    uri = Path(path).resolve().as_uri() + ("?mode=ro" if readonly else "")
    try:
        conn = cipher.connect(uri, key, uri=True, isolation_level=None)
    except cipher.Error as exc:
        raise _bad_snapshot(str(exc)) from None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA mmap_size = 0")
        result = conn.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise _bad_snapshot(_("SQLite integrity check failed"))
    except cipher.Error as exc:
        conn.close()
        raise _bad_snapshot(str(exc)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def encrypted_body(path: Path, key: bytes | None) -> tuple[Path, bytes]:
    """A decrypted file's body under a key: as it is when it has one; the plain body of a
    file of an earlier version encrypted under a new random key first (next to it; the
    plain file removed), so that what works on it next never writes it in clear."""
    if key is not None:
        return path, key
    key = secrets.token_bytes(32)
    target = path.with_name(path.stem + "-chiffre" + path.suffix)
    conn = cipher.connect(path, None)
    try:
        cipher.export(conn, target, key)
    finally:
        conn.close()
    path.unlink()
    return target, key


def _normalise_sql(text: str | None) -> str:
    """SQL text compared without case, spacing or identifier quotes (string literals kept)."""
    out, i, n = [], 0, len(text or "")
    text = text or ""
    while i < n:
        ch = text[i]
        if ch == "'":
            j = i + 1
            while j < n:
                if text[j] == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            out.append(text[i:j + 1])
            i = j + 1
            continue
        if not ch.isspace() and ch not in '"`[]':
            out.append(ch.lower())
        i += 1
    return "".join(out)


def _check_clauses(sql: str | None) -> list[str]:
    """The CHECK (...) expressions of a CREATE TABLE statement, normalised and sorted."""
    norm = _normalise_sql(sql)
    out, pos = [], 0
    while True:
        k = norm.find("check(", pos)
        if k < 0:
            break
        depth, j = 0, k + 5
        while j < len(norm):
            if norm[j] == "'":
                j = norm.find("'", j + 1)
                if j < 0:
                    j = len(norm)
            elif norm[j] == "(":
                depth += 1
            elif norm[j] == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        out.append(norm[k + 5:j + 1])
        pos = j + 1
    return sorted(out)


def _where_clause(sql: str | None) -> str:
    norm = _normalise_sql(sql)
    k = norm.rfind(")where")
    return norm[k + 6:] if k >= 0 else ""


def schema_signature(conn: cipher.Connection, skip_fts: bool = False) -> dict:
    """Tables (columns with hidden and generated ones, types, defaults, keys, foreign keys
    and their actions, CHECK constraints, STRICT / WITHOUT ROWID), indexes (columns, order,
    collation, uniqueness, partial WHERE clause), triggers and views, and any other object,
    `sqlite_stat*` and `sqlite_sequence` included (FTS tables left out only when asked: a
    snapshot never carries them, so one that does is refused)."""
    sig: dict = {}
    objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                           "ORDER BY type, name").fetchall()
    flags: dict[str, tuple] = {}
    try:
        for row in conn.execute("PRAGMA table_list"):
            if row[0] == "main":
                flags[row[1]] = (row[2], row[4], row[5])  # type, without rowid, strict
    except cipher.Error:  # SQLite before 3.37: no table_list
        pass
    for type_, name, tbl, sql in objects:
        if skip_fts and (is_fts_table(name) or is_fts_table(tbl)):
            continue
        if type_ == "table":
            cols = conn.execute(f"PRAGMA table_xinfo({_q(name)})").fetchall()
            fks = conn.execute(f"PRAGMA foreign_key_list({_q(name)})").fetchall()
            idx = conn.execute(f"PRAGMA index_list({_q(name)})").fetchall()
            sig[f"table:{name}"] = (
                [(c[1], (c[2] or "").upper(), c[3], c[4], c[5], c[6]) for c in cols],
                sorted((f[2], f[3], f[4], f[5], f[6], f[7]) for f in fks),
                _check_clauses(sql),
                flags.get(name),
                sorted((i[1], i[2], i[3], i[4]) for i in idx),
            )
        elif type_ == "index":
            cols = conn.execute(f"PRAGMA index_xinfo({_q(name)})").fetchall()
            sig[f"index:{name}"] = (tbl, [(c[2], c[3], c[4], c[5]) for c in cols],
                                    _where_clause(sql))
        else:  # triggers and views: none expected; compared with their text
            sig[f"{type_}:{name}"] = (tbl, _normalise_sql(sql))
    return sig


@functools.cache
def expected_signature(revision: str) -> dict:
    """The schema an empty database has at `revision`, built once per process (an empty
    file, schema only: nothing to protect, so no key), read by the same driver as the files
    it is compared with."""
    from ...db.engine import migrate_file

    with tempfile.TemporaryDirectory(prefix="ccs-schema-") as tmp:
        ref = Path(tmp) / "ref.sqlite3"
        migrate_file(ref, revision)
        raw = cipher.connect(ref, None)
        try:
            return schema_signature(raw, skip_fts=True)
        finally:
            raw.close()


def known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from ...db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in script.walk_revisions()]


def check_schema(conn: cipher.Connection) -> str:
    """Compare the snapshot's schema with the one of its revision; return the revision.

    Only the single row of alembic_version is read before the comparison, once its shape is
    checked. A newer revision is refused (NewerSnapshot)."""
    try:
        cols = conn.execute("PRAGMA table_info(alembic_version)").fetchall()
        if [(c[1], c[5]) for c in cols] != [("version_num", 1)]:
            raise _bad_snapshot(_("schema version missing"))
        rows = conn.execute("SELECT version_num FROM alembic_version LIMIT 2").fetchall()
        if len(rows) != 1 or not isinstance(rows[0][0], str):
            raise _bad_snapshot(_("schema version unreadable"))
        revision = rows[0][0]
        if revision not in known_revisions():
            raise NewerSnapshot(_(
                "This file comes from a newer version of CCS Desktop (unknown schema "
                "“{revision}”). Install the latest version of the application to open it. "
                "Nothing was changed.").format(revision=revision[:40]))
        actual = schema_signature(conn)
    except cipher.Error as exc:
        raise _bad_snapshot(str(exc)) from None
    expected = expected_signature(revision)
    if actual != expected:
        diff = sorted(set(actual) ^ set(expected)) or sorted(
            k for k in actual if actual[k] != expected.get(k))
        raise _bad_snapshot(_("unexpected schema: {objects}").format(
            objects=", ".join(_printable(d) for d in diff[:5])))
    try:
        # links whose other side is gone are meaningless and ignored by every reader: the
        # transmissions of earlier versions carry those of the other committees' rows
        dangling = [r for r in conn.execute("PRAGMA foreign_key_check")
                    if r[0] not in LINK_TABLES][:5]
    except cipher.Error as exc:
        raise _bad_snapshot(str(exc)) from None
    if dangling:
        tables = sorted({_printable(r[0]) for r in dangling})
        raise _bad_snapshot(_("references to missing rows in: {tables}").format(
            tables=", ".join(tables)))
    return revision


def _printable(text: object) -> str:
    from ..rowcheck import one_line

    return one_line(text, 80)


class NewerSnapshot(SnapshotError):
    pass
