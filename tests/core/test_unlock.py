"""Credentials, the key file's two copies, logins and the recovery key (issue 11)."""

from __future__ import annotations

import pytest
from french import fr  # tests/french.py: the catalog's typography

from ccs_desktop.db import keyfile as kf
from ccs_desktop.db import unlock as ul


@pytest.fixture(autouse=True)
def _cheap(cheap_kdf):  # noqa: ANN001
    yield


@pytest.fixture
def made(tmp_path):  # noqa: ANN001, ANN201
    keys, new = ul.make_keys(ul.Credentials("admin", "motdepasse-1"))
    ul.save_keys(tmp_path, keys)
    return tmp_path, new


def test_password_file_first_line_and_environment(tmp_path, monkeypatch):
    f = tmp_path / "pw"
    f.write_text("un mot de passe\r\nsecond line\n", encoding="utf-8")
    monkeypatch.delenv(ul.ENV_USER, raising=False)
    monkeypatch.delenv(ul.ENV_PASSWORD_FILE, raising=False)
    assert ul.Credentials.given("awa", f) == ul.Credentials("awa", "un mot de passe")
    assert ul.Credentials.given(None, None) is None
    monkeypatch.setenv(ul.ENV_USER, "moussa")
    monkeypatch.setenv(ul.ENV_PASSWORD_FILE, str(f))
    assert ul.Credentials.given() == ul.Credentials("moussa", "un mot de passe")
    assert "un mot de passe" not in repr(ul.Credentials.given())
    (tmp_path / "empty").write_bytes(b"")
    with pytest.raises(ul.CredentialsError, match="vide"):
        ul.read_password_file(tmp_path / "empty")
    with pytest.raises(ul.CredentialsError, match="Impossible de lire"):
        ul.read_password_file(tmp_path / "absent")


def test_new_password_rules():
    with pytest.raises(ul.CredentialsError, match="au moins 8"):
        ul.check_new_password("court")
    with pytest.raises(ul.CredentialsError):
        ul.check_new_password("         ")
    with pytest.raises(ul.CredentialsError):
        ul.check_new_password("deux\nlignes")
    assert ul.check_new_password("sans règle de composition") == "sans règle de composition"


def test_login_and_recovery(made):
    folder, new = made
    assert ul.unlock(folder, ul.Credentials("admin", "motdepasse-1")) == new.database_key
    with pytest.raises(kf.WrongPassword):
        ul.unlock(folder, ul.Credentials("admin", "wrong password"))
    assert ul.unlock_with_recovery(folder, new.recovery_text) == new.database_key


def test_wrong_passwords_slow_the_next_attempts_but_never_refuse_the_right_one(made):
    folder, new = made
    for _ in range(kf.FREE_ATTEMPTS + 2):
        with pytest.raises(kf.WrongPassword):
            ul.unlock(folder, ul.Credentials("admin", "wrong password"), sleep=lambda s: None)
    waits = []
    key = ul.unlock(folder, ul.Credentials("admin", "motdepasse-1"), sleep=waits.append)
    assert key == new.database_key and waits and waits[0] > 0
    # counted in the key file (across restarts) and forgotten after the right password
    assert ul.wait_before(folder, "admin") == 0
    for _ in range(kf.FREE_ATTEMPTS + 1):
        with pytest.raises(kf.WrongPassword):
            ul.unlock(folder, ul.Credentials("admin", "nope nope"), sleep=lambda s: None)
    with pytest.raises(ul.TooManyAttempts, match="attendez"):
        ul.unlock(folder, ul.Credentials("admin", "motdepasse-1"), sleep=None)


def test_unknown_names_share_one_counter(made):
    folder, _new = made
    size = ul.keyfile_path(folder).stat().st_size
    for i in range(200):
        with pytest.raises(kf.WrongPassword):
            ul.unlock(folder, ul.Credentials(f"intrus{i}", "x" * 8), sleep=lambda s: None)
    assert ul.keyfile_path(folder).stat().st_size < size + 200
    assert ul.wait_before(folder, "admin") == 0  # the real account is not slowed


def test_lost_or_damaged_key_file_rebuilt_from_its_copy(made):
    folder, new = made
    ul.keyfile_path(folder).unlink()
    assert ul.unlock(folder, ul.Credentials("admin", "motdepasse-1")) == new.database_key
    assert ul.keyfile_path(folder).is_file()  # rebuilt
    ul.keyfile_copy_path(folder).write_bytes(b"garbage")
    assert ul.unlock(folder, ul.Credentials("admin", "motdepasse-1")) == new.database_key
    assert ul.keyfile_copy_path(folder).read_bytes() == ul.keyfile_path(folder).read_bytes()
    ul.keyfile_path(folder).unlink()
    ul.keyfile_copy_path(folder).unlink()
    with pytest.raises(kf.KeyFileError, match="manquant"):
        ul.unlock(folder, ul.Credentials("admin", "motdepasse-1"))


def test_forgotten_password_reset_with_the_recovery_key(made):
    folder, new = made
    key = ul.reset_password(folder, new.recovery_text, ul.Credentials("admin", "nouveau-mdp"))
    assert key == new.database_key
    assert ul.unlock(folder, ul.Credentials("admin", "nouveau-mdp")) == key
    with pytest.raises(kf.WrongPassword):
        ul.unlock(folder, ul.Credentials("admin", "motdepasse-1"))


def test_password_change_and_recovery_regeneration(made):
    folder, new = made
    ul.change_password(folder, ul.Credentials("admin", "motdepasse-1"), "autre-mdp-2")
    assert ul.unlock(folder, ul.Credentials("admin", "autre-mdp-2")) == new.database_key
    text = ul.new_recovery_key(folder, new.database_key)
    assert ul.unlock_with_recovery(folder, text) == new.database_key
    with pytest.raises(kf.WrongPassword):
        ul.unlock_with_recovery(folder, new.recovery_text)


# --- format version 2 (the public keys, their MAC, version-1 folders) ------------------------

FIXTURE = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "keyfile_v1"


def _forge_recovery(path) -> None:  # noqa: ANN001
    import json

    doc = json.loads(path.read_bytes())
    stranger = kf.KeyFile.new().with_recovery(kf.new_recovery_key()[0], kf.new_database_key())
    doc["entries"] = [e for e in doc["entries"] if e["kind"] != "recovery"] + [
        json.loads(stranger.to_bytes())["entries"][0]]
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_recovery_public_key_for_the_backups_and_its_private_key_from_the_text(made):
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    folder, new = made
    public = ul.recovery_public_key(folder, new.database_key)
    private = ul.recovery_private_key(new.recovery_text)
    assert X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw() \
        == public and len(public) == 32
    with pytest.raises(kf.KeyFileError, match=fr("Ouvrez d'abord")):
        ul.recovery_public_key(folder / "ailleurs")  # no database opened there
    ul.remember_folder_key(folder, new.database_key)  # what open_database does
    assert ul.recovery_public_key(folder) == public


def test_a_swapped_recovery_key_is_refused_and_the_second_copy_is_used(made):
    folder, new = made
    creds = ul.Credentials("admin", "motdepasse-1")
    good = ul.keyfile_copy_path(folder).read_bytes()
    _forge_recovery(ul.keyfile_path(folder))
    # the forged copy does not overwrite the good one...
    assert ul.load_keys(folder) and ul.keyfile_copy_path(folder).read_bytes() == good
    # ... the backups' key comes from the good copy, the login too, which repairs both
    assert ul.recovery_public_key(folder, new.database_key) \
        == kf.recovery_public_key_of(new.recovery_text)
    assert ul.unlock(folder, creds) == new.database_key
    assert ul.keyfile_path(folder).read_bytes() == ul.keyfile_copy_path(folder).read_bytes()
    assert kf.KeyFile.load(ul.keyfile_path(folder)).recovery_public_key() \
        == kf.recovery_public_key_of(new.recovery_text)
    # both copies forged: refused, in French
    _forge_recovery(ul.keyfile_path(folder))
    _forge_recovery(ul.keyfile_copy_path(folder))
    with pytest.raises(kf.KeyFileTampered, match="modifié en dehors"):
        ul.unlock(folder, creds)
    with pytest.raises(kf.KeyFileTampered):
        ul.recovery_public_key(folder, new.database_key)


def test_a_version_1_folder_keeps_working_and_is_converted_entry_by_entry(tmp_path):
    import json
    import shutil

    s = json.loads((FIXTURE / "secrets.json").read_text(encoding="utf-8"))
    key = bytes.fromhex(s["database_key"])
    shutil.copy(FIXTURE / "ccs.cles", ul.keyfile_path(tmp_path))
    admin = ul.Credentials("admin", s["passwords"]["admin"])
    assert ul.unlock(tmp_path, admin) == key  # the login converts admin's entry
    doc = json.loads(ul.keyfile_path(tmp_path).read_bytes())
    assert doc["version"] == 2 and ul.keyfile_copy_path(tmp_path).is_file()
    assert [("public_key" in e) for e in doc["entries"]] == [True, False, False]
    assert ul.unlock(tmp_path, ul.Credentials("secretaire", s["passwords"]["secretaire"])) \
        == key
    # until the recovery key is typed once, backups cannot be sealed to it: said in French
    with pytest.raises(kf.NoRecoveryPublicKey, match="première version chiffrée"):
        ul.recovery_public_key(tmp_path, key)
    assert ul.unlock_with_recovery(tmp_path, s["recovery_text"]) == key
    assert ul.recovery_public_key(tmp_path, key) == kf.recovery_public_key_of(
        s["recovery_text"])
    assert ul.load_keys(tmp_path).legacy_accounts() == ()  # secretaire logged in above
