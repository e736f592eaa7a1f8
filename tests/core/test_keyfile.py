"""The key file: the database key wrapped per account and under the recovery key (issue 11)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
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
    # (format version 2: the account's private key is what its password unwraps)
    keys, key = _made()
    keys = keys.with_account("secretaire", "correct horse", key)
    doc = json.loads(keys.to_bytes())
    a, b = doc["entries"]
    fields = ("nonce", "wrapped_private", "kdf", "public_key", "ephemeral", "sealed")
    for f in fields:
        a[f], b[f] = b[f], a[f]
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
    lambda d: d["entries"][0].update(wrapped_private="!!"),
    lambda d: d["entries"][0].update(public_key="AAAA"),
    lambda d: d["entries"][0].update(sealed="!!"),
    lambda d: d.pop("mac"),
    lambda d: d.update(mac="AAAA"),
    lambda d: d.update(version=1),  # public keys in a file that claims to have no MAC
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


# --- format version 2: public keys, the MAC, re-keying, version-1 files ----------------------

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "keyfile_v1"


def _v1() -> tuple[kf.KeyFile, dict]:
    """A key file made by the previous release (format version 1: tests/fixtures/keyfile_v1,
    written by main's keyfile.py) and the secrets it was made with."""
    secrets_ = json.loads((FIXTURE / "secrets.json").read_text(encoding="utf-8"))
    secrets_["database_key"] = bytes.fromhex(secrets_["database_key"])
    return kf.KeyFile.from_bytes((FIXTURE / "ccs.cles").read_bytes()), secrets_


def test_version_2_seals_to_public_keys_and_the_recovery_key_is_an_x25519_key():
    keys, key = _made()
    raw, text = kf.new_recovery_key()
    keys = keys.with_recovery(raw, key)
    doc = json.loads(keys.to_bytes())
    assert doc["version"] == 2 and len(base64.b64decode(doc["mac"])) == 32
    recovery = [e for e in doc["entries"] if e["kind"] == "recovery"][0]
    assert set(recovery) == {"kind", "public_key", "ephemeral", "sealed"}
    # the private half comes from the printed text alone; its public half is the stored one
    private = kf.recovery_private_key(text)
    assert len(private) == 32 and private == kf.recovery_private_key(raw)
    public = X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()
    assert keys.recovery_public_key() == public == base64.b64decode(recovery["public_key"])
    assert kf.KeyFile.from_bytes(keys.to_bytes()).unlock_with_recovery(text) == key


def test_a_new_database_key_reaches_every_account_and_the_recovery_key_without_passwords():
    keys, key = _made()
    keys = keys.with_account("secretaire", "other password", key)
    raw, text = kf.new_recovery_key()
    keys = keys.with_recovery(raw, key)
    new = kf.new_database_key()
    rekeyed = kf.KeyFile.from_bytes(keys.rekeyed(key, new, drop=("SECRETAIRE",)).to_bytes())
    assert rekeyed.accounts() == ("admin",)
    assert rekeyed.unlock("admin", "correct horse") == new
    assert rekeyed.unlock_with_recovery(text) == new
    with pytest.raises(kf.WrongPassword):
        rekeyed.unlock("secretaire", "other password")
    with pytest.raises(kf.KeyFileTampered):
        keys.rekeyed(kf.new_database_key(), new)  # not this file's key: its MAC says so


def _with_foreign_recovery(doc: dict) -> None:
    """What someone who can write the folder would do: their own recovery key in place of
    the committee's (the database key they cannot know: a random one sealed)."""
    stranger = kf.KeyFile.new().with_recovery(kf.new_recovery_key()[0], kf.new_database_key())
    mine = json.loads(stranger.to_bytes())["entries"][0]
    doc["entries"] = [e for e in doc["entries"] if e["kind"] != "recovery"] + [mine]


def _with_added_account(doc: dict) -> None:
    stranger = kf.KeyFile(doc["key_id"]).with_account("intrus", "mot de passe !",
                                                      kf.new_database_key())
    doc["entries"].append(json.loads(stranger.to_bytes())["entries"][0])


@pytest.mark.parametrize("tamper", [
    _with_foreign_recovery,
    _with_added_account,
    lambda d: d["entries"].pop(),  # the recovery entry removed
    lambda d: d.update(mac=base64.b64encode(bytes(32)).decode()),
])
def test_a_swapped_or_added_entry_is_caught_by_the_mac(tamper):
    keys, key = _made()
    keys = keys.with_recovery(kf.new_recovery_key()[0], key)
    doc = json.loads(keys.to_bytes())
    tamper(doc)
    forged = kf.KeyFile.from_bytes(json.dumps(doc).encode())  # reads: only the key tells
    with pytest.raises(kf.KeyFileTampered) as info:
        forged.unlock("admin", "correct horse")
    assert "modifié" in str(info.value)
    with pytest.raises(kf.KeyFileTampered):
        forged.verify(key)
    with pytest.raises(kf.KeyFileTampered):  # nothing is resealed over a forged entry
        forged.with_account("autre", "mot de passe 2", key)


def test_failure_counters_are_outside_the_mac():
    keys, key = _made()
    doc = json.loads(keys.failed("admin").failed("nobody").to_bytes())
    doc["failures"]["admin"]["count"] = 7
    back = kf.KeyFile.from_bytes(json.dumps(doc).encode())
    assert back.failures["admin"].count == 7 and back.unlock("admin", "correct horse") == key


def test_a_version_1_file_unlocks_and_each_entry_becomes_version_2_when_opened():
    keys, s = _v1()
    key, text = s["database_key"], s["recovery_text"]
    assert keys.read_version == 1 and keys.legacy_accounts() == ("admin", "secretaire")
    assert keys.recovery_public_key() is None
    assert keys.unlock("secretaire", s["passwords"]["secretaire"]) == key
    # the admin's login converts its entry (same salt and cost: one derivation)
    got, after = keys.login("admin", s["passwords"]["admin"])
    assert got == key and after.legacy_accounts() == ("secretaire",)
    admin = [e for e in after.entries if e.name == "admin"][0]
    assert admin.public_key and admin.kdf == keys.entries[0].kdf
    written = json.loads(after.to_bytes())
    assert written["version"] == 2 and "mac" in written
    back = kf.KeyFile.from_bytes(after.to_bytes())
    assert back.unlock("admin", s["passwords"]["admin"]) == key
    assert back.unlock("secretaire", s["passwords"]["secretaire"]) == key  # still version 1
    assert back.unlock_with_recovery(text) == key
    # re-keying waits until no version-1 entry is left, and says who must do what
    with pytest.raises(kf.RekeyBlocked) as blocked:
        back.rekeyed(key, kf.new_database_key())
    assert "secretaire" in str(blocked.value) and "récupération" in str(blocked.value)
    # the recovery key typed once: the same printed text, now an X25519 key
    got, recovered = back.recover(text)
    assert got == key and recovered.recovery_public_key() == kf.recovery_public_key_of(text)
    got, done = recovered.login("secretaire", s["passwords"]["secretaire"])
    assert done.legacy_accounts() == ()
    new = kf.new_database_key()
    final = kf.KeyFile.from_bytes(done.rekeyed(key, new).to_bytes())
    assert final.unlock("secretaire", s["passwords"]["secretaire"]) == new
    assert final.unlock_with_recovery(text) == new


def test_a_version_1_file_with_a_forged_public_key_is_refused():
    keys, _s = _v1()
    doc = json.loads(keys.to_bytes())
    assert doc["version"] == 1  # unchanged until an entry is converted
    doc["entries"].append(json.loads(
        kf.KeyFile.new().with_recovery(kf.new_recovery_key()[0], kf.new_database_key())
        .to_bytes())["entries"][0])
    doc["entries"] = [e for e in doc["entries"] if "public_key" in e or e["kind"] != "recovery"]
    with pytest.raises(kf.KeyFileError):
        kf.KeyFile.from_bytes(json.dumps(doc).encode())
