"""The French catalog follows the documents' typography (issue 14): every msgstr of po/fr.po
is a fixed point of domain.french.message_typography, which is french.typography with the
codes of a message (format fields, placeholders, tags, options, indentation) left alone.
po/typeset.py applies it; it is idempotent, so it can run again on a merged catalog."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ccs_desktop.domain.french import message_typography

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"


def _strings():
    with open(ROOT / "po" / "fr.po", "rb") as fh:
        catalog = read_po(fh)
    for m in catalog:
        if m.id and m.string and m.context != "NationalThreatTypes":  # stored as seeded
            yield from (m.string if isinstance(m.string, tuple) else (m.string,))


def test_every_french_text_of_the_catalog_is_typeset():
    wrong = [s for s in _strings() if message_typography(s) != s]
    assert wrong == [], f"run: python po/typeset.py po/fr.po ({len(wrong)} texts: {wrong[:3]})"
    texts = list(_strings())
    assert [s for s in texts if re.search(r"\w'\w", s)] == []  # l'export: l’export
    assert any(f"{NBSP}:" in s for s in texts) and any("’" in s for s in texts)


@pytest.mark.parametrize(("typed", "set_"), [
    ("Fichier : {path}", f"Fichier{NBSP}: {{path}}"),
    ("L'export a échoué : %1", f"L’export a échoué{NBSP}: %1"),
    ("M. {name} ?", f"M.{NBSP}{{name}}{NBSP}?"),
    ("« %1 » : {n:>3} %", f"«{NBSP}%1{NBSP}»{NBSP}: {{n:>3}}{NBSP}%"),
    ("&Langue de l'application :", f"&Langue de l’application{NBSP}:"),
    ("<b>Qui ?</b> <a href='https://x.ml:8080/a?b'>ici</a>",
     f"<b>Qui{NBSP}?</b> <a href='https://x.ml:8080/a?b'>ici</a>"),
    ("  - {setting} → conservé(e) : valeur", f"  - {{setting}} → conservé(e){NBSP}: valeur"),
    ("avec --out : voir *.pdf", f"avec --out{NBSP}: voir *.pdf"),
    ("Excel (*.xlsx);;CSV (*.csv)", "Excel (*.xlsx);;CSV (*.csv)"),
    ("la réunion à 10 h 30", f"la réunion à 10{NBSP}h{NBSP}30"),
    ("registres des Comités Consultatifs de Sécurité",
     "registres des Comités consultatifs de sécurité"),
])
def test_message_typography_leaves_the_codes_alone(typed, set_):
    assert message_typography(typed) == set_
    assert message_typography(set_) == set_


def test_the_tool_checks_and_rewrites_a_merged_catalog(tmp_path):
    po = tmp_path / "fr.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "Saved: %1"\nmsgstr "Enregistré : %1"\n\n'
                  'msgid "The key"\nmsgstr "L\'empreinte"\n', encoding="utf-8")
    tool = [sys.executable, str(ROOT / "po" / "typeset.py"), str(po)]
    assert subprocess.run([*tool, "--check"], capture_output=True).returncode == 1
    assert subprocess.run(tool, capture_output=True).returncode == 0
    text = po.read_text(encoding="utf-8")
    assert f'"Enregistré{NBSP}: %1"' in text and '"L’empreinte"' in text
    assert subprocess.run([*tool, "--check"], capture_output=True).returncode == 0
