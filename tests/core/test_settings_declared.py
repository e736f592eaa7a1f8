"""Issue 10: one declaration of the database's settings. The `settings` table is read and
written through ccs_desktop/db/settings.py only (keys with their type and default, typed
accessors, one is_crss). The QSettings keys: tests/ui/test_settings_keys.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import ccs_desktop
from ccs_desktop.db import models as m
from ccs_desktop.db import settings
from ccs_desktop.db.engine import open_database

ROOT = Path(ccs_desktop.__file__).parent

DB_KEYS = {"committee_uuid", "mode", "demo", "crss_public_key", "pseudonym_secret",
           "signing_key", "file_sequence",
           # issue 17: the CRSS's reporting rates
           "report_deadline_days", "report_band_good", "report_band_fair",
           "register_suspensions",
           "lock_minutes"}
SQL_ON_SETTINGS = re.compile(r"\b(FROM|INTO|UPDATE)\s+settings\b", re.IGNORECASE)
DB_DECLARATION = "db/settings.py"
# Files that still read the table their own way, for their owners to move (issue 10 report):
# the raw sqlite3 readers of the exchange files.
DB_ALLOWED = {"services/exchange/snapshot.py",
              "services/exchange/writing.py", "services/exchange/security.py",
              "services/exchange/reading.py"}

def _files() -> list[tuple[str, ast.AST]]:
    """(path under ccs_desktop/, syntax tree) of every module but the frozen migrations."""
    out = []
    for p in sorted(ROOT.rglob("*.py")):
        name = str(p.relative_to(ROOT)).replace("\\", "/")
        if not name.startswith("db/migrations/"):
            out.append((name, ast.parse(p.read_text(encoding="utf-8"))))
    return out


def _strings(tree: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _touches_the_table(tree: ast.AST) -> bool:
    """m.Setting / models.Setting / `import Setting`, SQL on the table, a key's literal as
    the key of a setting (the first argument of a call, or a value on its own)."""
    for n in ast.walk(tree):
        if isinstance(n, ast.Attribute) and n.attr == "Setting":
            return True
        if isinstance(n, ast.ImportFrom) and any(a.name == "Setting" for a in n.names):
            return True
    strings = _strings(tree)
    if any(SQL_ON_SETTINGS.search(s) for s in strings):
        return True
    keys = {"committee_uuid", "crss_public_key", "pseudonym_secret"}  # "mode", "demo": words
    return any(s in keys for s in strings)


def _offenders(test, declaration: str) -> set[str]:  # noqa: ANN001
    return {name for name, tree in _files() if name != declaration and test(tree)}


def test_only_the_declaration_touches_the_settings_table():
    offenders = _offenders(_touches_the_table, DB_DECLARATION)
    assert offenders - DB_ALLOWED == set()
    assert DB_ALLOWED - offenders == set(), "these files are clean: remove them"


def test_one_is_crss():
    defs = {str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
            if re.search(r"^def is_crss\(", p.read_text(encoding="utf-8"), re.MULTILINE)}
    # the screens' is_crss(services) is a thin alias of the core one (it holds the services)
    assert defs == {"db/settings.py", "ui/views/crss.py"}
    from ccs_desktop.services import committee

    assert committee.is_crss is settings.is_crss
    text = (ROOT / "ui/views/crss.py").read_text(encoding="utf-8")
    assert "committee.is_crss(services.db)" in text


def test_every_key_is_declared_once():
    names = [k.name for k in settings.KEYS]
    assert set(names) == DB_KEYS
    assert len(names) == len(set(names))
    assert set(settings.BY_NAME) == set(names)


# --------------------------------------------------------------------------- behaviour

@pytest.fixture
def db(tmp_path):  # noqa: ANN001, ANN201
    database = open_database(tmp_path / "data", create=True)
    yield database
    database.close()


def _raw(db, name: str, value: str | None) -> None:  # noqa: ANN001
    with db.session() as s:
        row = s.get(m.Setting, name)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(m.Setting(key=name, value=value))
        else:
            row.value = value


def test_defaults_when_absent(db):  # noqa: ANN001
    _raw(db, settings.SIGNING_KEY.name, None)  # (made for every database by revision 0005s)
    for key in settings.KEYS:
        assert settings.read_db(db, key) == key.default
        assert isinstance(settings.read_db(db, key), key.type)
    assert settings.read_db(db, settings.MODE) == "committee"
    assert settings.read_db(db, settings.DEMO) is False
    assert not settings.is_crss(db)


def test_round_trip_and_types(db):  # noqa: ANN001
    settings.write_db(db, settings.MODE, settings.CRSS_MODE)
    settings.write_db(db, settings.DEMO, True)
    settings.write_db(db, settings.OWN_COMMITTEE, "0190-abc")
    assert settings.is_crss(db)
    assert settings.read_db(db, settings.DEMO) is True
    assert settings.read_db(db, settings.OWN_COMMITTEE) == "0190-abc"
    with db.session() as s:  # stored as text, the way earlier versions wrote them
        assert s.get(m.Setting, "demo").value == "1"
        assert s.get(m.Setting, "mode").value == "crss"
        settings.write(s, settings.DEMO, False)
        settings.clear(s, settings.OWN_COMMITTEE)
        assert settings.stored(s, settings.OWN_COMMITTEE) is None
    assert settings.read_db(db, settings.DEMO) is False
    assert settings.read_db(db, settings.OWN_COMMITTEE) == ""


def test_a_bad_stored_value_reads_as_the_default(db):  # noqa: ANN001
    _raw(db, "mode", "CRSS!")
    _raw(db, "demo", "peut-être")
    assert settings.read_db(db, settings.MODE) == "committee"
    assert not settings.is_crss(db)
    assert settings.read_db(db, settings.DEMO) is False
    with db.session() as s:
        assert settings.stored(s, settings.MODE) is None
    _raw(db, "demo", "yes")
    assert settings.read_db(db, settings.DEMO) is True


def test_a_wrong_value_is_refused_before_anything_is_written(db):  # noqa: ANN001
    with pytest.raises(ValueError):
        settings.write_db(db, settings.MODE, "national")
    with pytest.raises(TypeError):
        settings.write_db(db, settings.DEMO, "1")
    with pytest.raises(TypeError):
        settings.write_db(db, settings.OWN_COMMITTEE, 42)
    with db.session() as s:
        assert s.get(m.Setting, "mode") is None and s.get(m.Setting, "demo") is None
