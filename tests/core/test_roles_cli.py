"""The command line obeys the accounts (issue 13): each command does what its role allows,
without credentials it asks on a terminal or exits 2."""

from __future__ import annotations

import json

import pytest

from ccs_desktop.cli import main
from ccs_desktop.db import unlock
from rawdb import TEST_PASSWORD


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roles") / "demo"
    assert main(["demo", "--data-dir", str(folder)]) == 0
    pw = folder.parent / "pw"
    pw.write_text(TEST_PASSWORD + "\n", encoding="utf-8")
    return folder, pw


def run(capsys, demo, user, *args):
    folder, pw = demo
    code = main([*args, "--data-dir", str(folder), "--user", user, "--password-file", str(pw)])
    out, err = capsys.readouterr()
    return code, out, err


def test_lecteur_lists_people_with_an_empty_phone(capsys, demo):
    code, out, _ = run(capsys, demo, "lecteur", "list", "people", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["phone"] == "" for r in rows)
    code, out, _ = run(capsys, demo, "secretaire", "list", "people", "--json")
    assert any(r["phone"] for r in json.loads(out))


def test_lecteur_changes_nothing_from_the_command_line(capsys, demo, tmp_path):
    new = tmp_path / "new"
    new.write_text("une phrase longue\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for args in (["account", "list"],
                 ["account", "add", "moussa", "--role", "lecteur", "--new-password-file",
                  str(new)],
                 ["annex", "1/2025", "--out", str(out / "a.pdf")],
                 ["transmit", "--out", str(out)]):
        code, _, err = run(capsys, demo, "lecteur", *args)
        assert code == 1, (args, err)
        assert "Refusé" in err or "introuvable" in err, (args, err)
    assert list(out.iterdir()) == []


def test_secretaire_cannot_manage_accounts_but_admin_can(capsys, demo, tmp_path):
    new = tmp_path / "new"
    new.write_text("une phrase longue\n", encoding="utf-8")
    code, _, err = run(capsys, demo, "secretaire", "account", "list")
    assert code == 1 and "Refusé" in err and "secrétaire" in err
    code, _, _ = run(capsys, demo, "admin", "account", "add", "awa", "--role", "secretaire",
                     "--new-password-file", str(new))
    assert code == 0
    code, out, _ = run(capsys, demo, "admin", "account", "list", "--json")
    roles = {a["name"]: (a["role"], a["enabled"]) for a in json.loads(out)}
    assert roles == {"admin": ("administrateur", True), "secretaire": ("secretaire", True),
                     "lecteur": ("lecteur", True), "awa": ("secretaire", True)}
    other = tmp_path / "other"
    other.write_text("encore une phrase\n", encoding="utf-8")
    assert run(capsys, demo, "admin", "account", "passwd", "awa", "--new-password-file",
               str(other))[0] == 0
    unlock.unlock(demo[0], unlock.Credentials("awa", "encore une phrase"))
    assert run(capsys, demo, "admin", "account", "disable", "awa")[0] == 0
    code, out, _ = run(capsys, demo, "admin", "account", "list", "--json")
    assert {a["name"]: a["enabled"] for a in json.loads(out)}["awa"] is False
    assert "awa" not in unlock.accounts(demo[0])
    code, _, err = main(["info", "--data-dir", str(demo[0]), "--user", "awa",
                         "--password-file", str(other)]), *capsys.readouterr()
    assert code == 1


def test_without_credentials_and_no_terminal_exit_2(capsys, demo, monkeypatch):
    monkeypatch.delenv(unlock.ENV_USER, raising=False)
    monkeypatch.delenv(unlock.ENV_PASSWORD_FILE, raising=False)
    for args in (["info"], ["list", "people"], ["account", "list"]):
        assert main([*args, "--data-dir", str(demo[0])]) == 2
        assert "--password-file" in capsys.readouterr().err


def test_on_a_terminal_the_password_is_asked(capsys, demo, monkeypatch):
    import getpass
    import sys

    monkeypatch.delenv(unlock.ENV_PASSWORD_FILE, raising=False)
    monkeypatch.setenv(unlock.ENV_USER, "lecteur")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    asked = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt)
                        or TEST_PASSWORD)
    assert main(["list", "people", "--json", "--data-dir", str(demo[0])]) == 0
    assert asked and "lecteur" in asked[0]
    assert all(r["phone"] == "" for r in json.loads(capsys.readouterr().out))
    assert unlock.Credentials.given() is None  # forgotten after the command
