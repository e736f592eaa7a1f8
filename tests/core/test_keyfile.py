"""The key file: the database key wrapped per account and under the recovery key (issue 11)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccs_desktop import kdf
from ccs_desktop.db import keyfile as kf


@pytest.fixture(autouse=True)
def _cheap(cheap_kdf):  # noqa: ANN001
    yield


def _made(name: str = "admin", password: str = "correct horse") -> tuple[kf.KeyFile, bytes]:
    key = kf.new_database_key()
    return kf.KeyFile.new().with_account(name, password, key), key


def test_account_unlocks_and_wrong_password_does_not():
    keys, key = _made()
    assert keys.unlock("admin", "correct horse") == key
    assert keys.unlock("ADMIN", "correct horse") == key  # names are not case-sensitive
    with pytest.raises(kf.WrongPassword) as wrong:
        keys.unlock("admin", "correct horsE")
    with pytest.raises(kf.WrongPassword) as unknown:
        keys.unlock("nobody", "correct horse")
    # the same words for both: the screen does not tell which names exist
    assert str(wrong.value) == str(unknown.value)
    assert "mot de passe" in str(wrong.value)


def test_password_change_rewraps_only_that_account():
    keys, key = _made()
    keys = keys.with_account("secretaire", "other password", key)
    before = {e.name: e for e in keys.entries}
    changed = keys.with_account("secretaire", "new password!", key)
    after = {e.name: e for e in changed.entries}
    assert after["admin"] == before["admin"]
    assert after["secretaire"] != before["secretaire"]
    assert changed.unlock("secretaire", "new password!") == key
    with pytest.raises(kf.WrongPassword):
        changed.unlock("secretaire", "other password")
    assert changed.accounts() == ("admin", "secretaire")
    assert changed.without_account("secretaire").accounts() == ("admin",)


def test_round_trip_through_the_file_and_second_copy(tmp_path):
    keys, key = _made()
    raw, text = kf.new_recovery_key()
    keys = keys.with_recovery(raw, key).failed("admin")
    path, copy = tmp_path / "ccs.cles", tmp_path / "sauvegardes-auto" / "ccs.cles"
    keys.save(path, copy=copy)
    assert path.read_bytes() == copy.read_bytes()
    back = kf.KeyFile.load(copy)
    assert back.unlock("admin", "correct horse") == key
    assert back.unlock_with_recovery(text) == key
    assert back.failures["admin"].count == 1
    # nothing of the key, the password or the recovery key in the file
    data = path.read_bytes()
    for secret in (key.hex().encode(), key, b"correct horse", text.encode(), raw):
        assert secret not in data


def test_entry_moved_to_another_account_or_file_does_not_open():
    keys, key = _made()
    keys = keys.with_account("secretaire", "correct horse", key)
    doc = json.loads(keys.to_bytes())
    a, b = doc["entries"]
    a["nonce"], a["wrapped"], a["kdf"], b["nonce"], b["wrapped"], b["kdf"] = (
        b["nonce"], b["wrapped"], b["kdf"], a["nonce"], a["wrapped"], a["kdf"])
    swapped = kf.KeyFile.from_bytes(json.dumps(doc).encode())
    with pytest.raises(kf.WrongPassword):
        swapped.unlock("admin", "correct horse")
    other = json.loads(keys.to_bytes())
    other["key_id"] = "0" * 32
    with pytest.raises(kf.WrongPassword):
        kf.KeyFile.from_bytes(json.dumps(other).encode()).unlock("admin", "correct horse")


def test_recovery_key_as_typed_back():
    raw, text = kf.new_recovery_key()
    groups = text.split("-")
    assert len(groups) == 9 and all(len(g) == 4 for g in groups)
    assert kf.parse_recovery(text) == raw
    sloppy = " ".join(groups).lower().replace("0", "o").replace("1", "l")
    assert kf.parse_recovery(sloppy) == raw
    # one character wrong is caught by the check characters
    wrong = ("Z" if text[0] != "Z" else "Y") + text[1:]
    with pytest.raises(kf.KeyFileError, match="erreur de frappe"):
        kf.parse_recovery(wrong)
    with pytest.raises(kf.KeyFileError):
        kf.parse_recovery("1234")


def test_regenerated_recovery_key_replaces_the_old_one():
    keys, key = _made()
    old_raw, old_text = kf.new_recovery_key()
    new_raw, new_text = kf.new_recovery_key()
    keys = keys.with_recovery(old_raw, key).with_recovery(new_raw, key)
    assert keys.unlock_with_recovery(new_text) == key
    with pytest.raises(kf.WrongPassword):
        keys.unlock_with_recovery(old_text)


def test_waits_grow_after_wrong_passwords_and_never_refuse_a_right_one():
    keys, key = _made()
    t0 = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.timezone.utc)
    for _ in range(kf.FREE_ATTEMPTS - 1):
        keys = keys.failed("admin", t0)
    assert keys.wait_before("admin", t0) == 0
    waits = []
    for _ in range(6):
        keys = keys.failed("admin", t0)
        waits.append(keys.wait_before("admin", t0))
    assert waits == sorted(waits) and waits[0] > 0 and waits[-1] > waits[0]
    assert keys.wait_before("admin", t0 + dt.timedelta(seconds=kf.MAX_WAIT)) == 0
    assert keys.unlock("admin", "correct horse") == key  # the counter never refuses
    assert keys.succeeded("admin").wait_before("admin", t0) == 0
    # the counter survives the file (it is kept across restarts)
    again = kf.KeyFile.from_bytes(keys.to_bytes())
    assert again.wait_before("admin", t0) == keys.wait_before("admin", t0)


@pytest.mark.parametrize("mutate", [
    lambda d: d.update(format="other"),
    lambda d: d.update(key_id="zz"),
    lambda d: d["entries"][0].update(kind="root"),
    lambda d: d["entries"][0]["kdf"].update(memory_kib=2**40),
    lambda d: d["entries"][0]["kdf"].update(iterations=10**6),
    lambda d: d["entries"][0]["kdf"].update(type="pbkdf2"),
    lambda d: d["entries"][0].update(wrapped="!!"),
    lambda d: d["entries"][0].update(nonce=""),
    lambda d: d.update(entries=[{}] * 1000),
    lambda d: d.update(entries="x"),
])
def test_hostile_files_are_refused_in_french_before_deriving(mutate):
    keys, _key = _made()
    doc = json.loads(keys.to_bytes())
    mutate(doc)
    with pytest.raises(kf.KeyFileError) as info:
        kf.KeyFile.from_bytes(json.dumps(doc).encode())
    assert "clés" in str(info.value) or "clé" in str(info.value)


def test_newer_version_and_huge_or_deep_files():
    keys, _key = _made()
    doc = json.loads(keys.to_bytes())
    doc["version"] = 99
    with pytest.raises(kf.KeyFileError, match="version plus récente"):
        kf.KeyFile.from_bytes(json.dumps(doc).encode())
    with pytest.raises(kf.KeyFileError):
        kf.KeyFile.from_bytes(b"[" * 100000 + b"]" * 100000)
    with pytest.raises(kf.KeyFileError):
        kf.KeyFile.from_bytes(b" " * (kf.MAX_FILE + 1))


def test_missing_file_says_so(tmp_path):
    with pytest.raises(kf.KeyFileError, match="manquant"):
        kf.KeyFile.load(tmp_path / "ccs.cles")


def test_damaged_failure_counter_is_forgiven():
    keys, key = _made()
    doc = json.loads(keys.failed("admin").to_bytes())
    doc["failures"]["admin"]["count"] = "many"
    back = kf.KeyFile.from_bytes(json.dumps(doc).encode())
    assert back.wait_before("admin") == 0 and back.unlock("admin", "correct horse") == key


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_key_file_or_a_french_refusal(data):
    try:
        kf.KeyFile.from_bytes(data)
    except kf.KeyFileError:
        pass


def test_default_account_cost_is_above_owasp_minimum():
    assert kf.ACCOUNT_KDF.memory_kib >= 19 * 1024 and kf.ACCOUNT_KDF.iterations >= 2
    assert kf.ACCOUNT_KDF.in_bounds() and not kdf.CHEAP.cost > kf.MAX_KDF_COST
