"""The command line's credentials (issue 11): --user / --password-file (else CCS_USER /
CCS_PASSWORD_FILE) on every command that opens a database; the first administrator of a new
one; the recovery key written for scripts; `ccs recover`; the demonstration's accounts."""

from __future__ import annotations

import pytest

from ccs_desktop.cli import main
from ccs_desktop.db import cipher, keyfile, unlock
from ccs_desktop.paths import DB_FILENAME


@pytest.fixture
def bare(monkeypatch):  # noqa: ANN001, ANN201
    """No credentials in the environment: only what the command line gives."""
    monkeypatch.delenv(unlock.ENV_USER, raising=False)
    monkeypatch.delenv(unlock.ENV_PASSWORD_FILE, raising=False)


def _pw(tmp_path, name: str, password: str):  # noqa: ANN001, ANN202
    f = tmp_path / name
    f.write_text(password + "\n", encoding="utf-8")
    return f


INIT = ["init", "--level", "commune", "--region", "Tombouctou", "--cercle", "Goundam",
        "--commune", "Essakane"]


def test_init_makes_the_administrator_and_writes_the_recovery_key(tmp_path, bare, capsys):
    data, pw, out = tmp_path / "d", _pw(tmp_path, "pw", "mot de passe du chef"), tmp_path / "rk"
    assert main([*INIT, "--data-dir", str(data), "--user", "chef", "--password-file", str(pw),
                 "--recovery-key-out", str(out)]) == 0
    assert not cipher.is_plain(data / DB_FILENAME)
    text = out.read_text(encoding="ascii").strip()
    key = unlock.unlock(data, unlock.Credentials("chef", "mot de passe du chef"))
    assert unlock.unlock_with_recovery(data, text) == key
    assert text not in capsys.readouterr().err  # written to the file, not shown
    # every command that opens the database takes the same options
    assert main(["info", "--data-dir", str(data), "--user", "chef",
                 "--password-file", str(pw)]) == 0
    assert "Essakane" in capsys.readouterr().out


def test_without_or_with_wrong_credentials_the_command_refuses_in_french(tmp_path, bare,
                                                                          capsys):
    data, pw = tmp_path / "d", _pw(tmp_path, "pw", "mot de passe du chef")
    assert main([*INIT, "--data-dir", str(data), "--user", "chef",
                 "--password-file", str(pw)]) == 0
    err = capsys.readouterr().err
    assert "Clé de récupération" in err  # shown once on the terminal
    # issue 13: without credentials (and no terminal to ask on) the exit code is 2
    assert main(["info", "--data-dir", str(data)]) == 2
    assert "chiffrée" in capsys.readouterr().err
    wrong = _pw(tmp_path, "wrong", "pas le bon mot de passe")
    assert main(["list", "people", "--data-dir", str(data), "--user", "chef",
                 "--password-file", str(wrong)]) == 1
    assert "mot de passe incorrect" in capsys.readouterr().err


def test_environment_credentials_are_the_default(tmp_path, bare, monkeypatch, capsys):
    data, pw = tmp_path / "d", _pw(tmp_path, "pw", "mot de passe du chef")
    monkeypatch.setenv(unlock.ENV_USER, "chef")
    monkeypatch.setenv(unlock.ENV_PASSWORD_FILE, str(pw))
    assert main([*INIT, "--data-dir", str(data)]) == 0
    assert main(["info", "--data-dir", str(data)]) == 0
    assert unlock.load_keys(data).accounts() == ("chef",)


def test_new_database_without_a_name_makes_admin(tmp_path, bare):
    data, pw = tmp_path / "d", _pw(tmp_path, "pw", "mot de passe admin")
    assert main([*INIT, "--data-dir", str(data), "--password-file", str(pw)]) == 0
    assert unlock.load_keys(data).accounts() == ("admin",)


def test_recover_every_password_forgotten(tmp_path, bare, capsys):
    data, pw, rk = tmp_path / "d", _pw(tmp_path, "pw", "oublié depuis"), tmp_path / "rk"
    assert main([*INIT, "--data-dir", str(data), "--password-file", str(pw),
                 "--recovery-key-out", str(rk)]) == 0
    new = _pw(tmp_path, "new", "un nouveau mot de passe")
    assert main(["recover", "--data-dir", str(data), "--recovery-key-file", str(rk),
                 "--user", "admin", "--new-password-file", str(new)]) == 0
    assert main(["info", "--data-dir", str(data), "--password-file", str(new),
                 "--user", "admin"]) == 0
    assert main(["info", "--data-dir", str(data), "--password-file", str(pw),
                 "--user", "admin"]) == 1
    # a typing error in the key is caught, nothing changes
    rk.write_text("0000-0000-0000-0000-0000-0000-0000-0000-0000\n", encoding="ascii")
    assert main(["recover", "--data-dir", str(data), "--recovery-key-file", str(rk),
                 "--user", "admin", "--new-password-file", str(pw)]) == 1
    assert "erreur de frappe" in capsys.readouterr().err


def test_demo_accounts_share_the_demo_password(tmp_path, bare):
    from ccs_desktop.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data)]) == 0
    assert unlock.load_keys(data).accounts() == DEMO_ACCOUNTS
    for name in DEMO_ACCOUNTS:
        unlock.unlock(data, unlock.Credentials(name, DEMO_PASSWORD))
    pw = _pw(tmp_path, "pw", "autre mot de passe")
    other = tmp_path / "demo2"
    assert main(["demo", "--data-dir", str(other), "--password-file", str(pw)]) == 0
    with pytest.raises(keyfile.WrongPassword):
        unlock.unlock(other, unlock.Credentials("lecteur", DEMO_PASSWORD))
    unlock.unlock(other, unlock.Credentials("lecteur", "autre mot de passe"))
