"""The `ccs` command: demo, init, list, errors in French, exit codes, UTF-8 output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ccs_desktop.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-demo") / "data"
    assert main(["demo", "--data-dir", str(folder), "--seed", "7"]) == 0
    return folder


def test_demo_then_list_json(capsys, demo_dir):
    code, out, err = run(capsys, "list", "meetings", "--data-dir", str(demo_dir), "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) >= 24
    for row in rows:
        assert {"id", "number", "year", "reference", "date", "status"} <= set(row)
        assert row["reference"].startswith("PV N°")
    assert {r["status"] for r in rows} >= {"adopted", "held", "planned"}
    # a fixed order, every call
    code, out2, _ = run(capsys, "list", "meetings", "--data-dir", str(demo_dir), "--json")
    assert out2 == out


@pytest.mark.parametrize("kind", ["threats", "vulnerabilities", "recommendations",
                                  "activities", "people"])
def test_list_every_kind(capsys, demo_dir, kind):
    code, out, _ = run(capsys, "list", kind, "--data-dir", str(demo_dir), "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all("id" in r for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    if kind == "threats":
        assert all({"title", "description", "level"} <= set(r) for r in rows)
    if kind == "people":
        assert all("phone" in r for r in rows)  # issue 13: a phone field, empty for a lecteur


def test_list_search_ignores_accents(capsys, demo_dir):
    _, out, _ = run(capsys, "list", "meetings", "--data-dir", str(demo_dir), "--json",
                    "--search", "CCSC-ALAFIA")
    assert len(json.loads(out)) >= 24
    _, plain, _ = run(capsys, "list", "activities", "--data-dir", str(demo_dir), "--json",
                      "--search", "cohesion sociale")
    _, accented, _ = run(capsys, "list", "activities", "--data-dir", str(demo_dir), "--json",
                         "--search", "Cohésion SOCIALE")
    assert json.loads(plain) == json.loads(accented)
    code, _, _ = run(capsys, "list", "people", "--data-dir", str(demo_dir), "--search",
                     "d'Alafia \"sous-prefet")
    assert code == 0


def test_same_seed_same_content_other_seed_other_content(tmp_path, capsys):
    def titles(folder):
        run(capsys, "demo", "--data-dir", str(folder), "--seed", "11")
        _, out, _ = run(capsys, "list", "people", "--data-dir", str(folder), "--json")
        return [(p["given_names"], p["family_name"]) for p in json.loads(out)], \
            {p["id"] for p in json.loads(out)}

    a, ids_a = titles(tmp_path / "a")
    b, ids_b = titles(tmp_path / "b")
    assert a == b and not ids_a & ids_b
    run(capsys, "demo", "--data-dir", str(tmp_path / "c"), "--seed", "12")
    _, out, _ = run(capsys, "list", "people", "--data-dir", str(tmp_path / "c"), "--json")
    assert [(p["given_names"], p["family_name"]) for p in json.loads(out)] != a


def test_demo_refuses_a_folder_with_a_database(capsys, demo_dir):
    code, _, err = run(capsys, "demo", "--data-dir", str(demo_dir))
    assert code == 1 and "déjà une base" in err


def test_reading_command_refuses_missing_database(capsys, tmp_path):
    target = tmp_path / "absent"
    code, out, err = run(capsys, "list", "people", "--data-dir", str(target))
    assert code == 1 and out == ""
    assert "Aucune base de données" in err
    assert not target.exists()


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["list", "nothing"])
    assert exc.value.code == 2
    assert "erreur" in capsys.readouterr().err


def test_init_sets_up_a_committee(capsys, tmp_path):
    folder = tmp_path / "new"
    code, out, err = run(capsys, "init", "--data-dir", str(folder), "--level", "commune",
                         "--region", "Tombouctou", "--cercle", "Goundam", "--commune",
                         "Alzounoub", "--chair", "Yehya Konta")
    assert code == 0, err
    _, info, _ = run(capsys, "info", "--data-dir", str(folder))
    assert "CCSC-ALZOUNOUB" in info
    _, people, _ = run(capsys, "list", "people", "--data-dir", str(folder), "--json")
    assert [(p["given_names"], p["family_name"]) for p in json.loads(people)] == \
        [("Yehya", "Konta")]
    code, _, err = run(capsys, "init", "--data-dir", str(folder), "--level", "commune",
                       "--region", "Tombouctou", "--cercle", "Goundam", "--commune", "X")
    assert code == 1 and "déjà un comité" in err


def test_subprocess_utf8_no_traceback(tmp_path, demo_dir):
    env = dict(os.environ, PYTHONIOENCODING="ascii")  # a hostile console encoding
    done = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "list", "threats",
                           "--data-dir", str(demo_dir), "--json"],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    json.loads(done.stdout.decode("utf-8"))
    bad = subprocess.run([sys.executable, "-m", "ccs_desktop.cli", "list", "people",
                          "--data-dir", str(tmp_path / "none")],
                         capture_output=True, env=env, timeout=120)
    assert bad.returncode == 1
    err = bad.stderr.decode("utf-8")
    assert "Traceback" not in err and "Aucune base de données" in err


def test_cli_never_imports_qt():
    code = ("import sys; from ccs_desktop.cli import build_parser; build_parser(); "
            "import ccs_desktop.services.hub, ccs_desktop.services.demo; "
            "print(any(name.startswith('PySide6') for name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_errors_stay_french(capsys, demo_dir, tmp_path):
    from ccs_desktop.cli.common import CliError, read_passphrase_file

    code, _, err = run(capsys, "minutes", "99999999999999999999", "--data-dir", str(demo_dir),
                       "--out", str(tmp_path / "pv.pdf"))
    assert code == 1 and "inattendue" not in err and "non reconnue" in err
    with pytest.raises(CliError, match="introuvable"):
        read_passphrase_file(tmp_path / "absent.txt")
