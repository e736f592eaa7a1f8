"""French wording of the catalog (issue 15, trap 11): « clé » alone is the cryptographic key,
the stick is a « clé USB » and a key is « déverrouillée », never « ouverte »; a count written
"{n} menaces" is an ngettext entry (French: 0 and 1 take the singular), never a plain one
that prints « 1 menaces »."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
NOUNS = ("menaces|vulnérabilités|membres|réunions|recommandations|activités|pièces jointes|"
         "comités|fichiers|personnes|lignes|fiches|jours|semaines|présents|absents|excusés|"
         "invités|femmes|hommes|jeunes|copies|sauvegardes|comptes|requis|rapports|attendus|"
         "refusés|signalés|entrées|suivis|évaluations|heures|minutes|pages|scans|"
         "catégories|erreurs|libres|régionaux|communaux|caractères")
COUNT_BEFORE_NOUN = re.compile(r"(\{\w+\}|%\d)\s(?:" + NOUNS + r")\b")
# counts that cannot be 0 or 1: "{n} caractères, au plus {limit}" (n > limit ≥ 1),
# "de {low} à {high} minutes" (high > low ≥ 1)
AT_LEAST_TWO = {"{where}: {n} characters, at most {limit}",
                "{field}: {n} characters, at most {limit}.",
                "Automatic lock: from {low} to {high} minutes."}


def _catalog():
    with open(ROOT / "po" / "fr.po", "rb") as fh:
        return [m for m in read_po(fh) if m.id]


def _texts(value):
    return " ".join(value) if isinstance(value, tuple) else value


def test_the_stick_is_a_cle_usb_and_a_key_is_unlocked():
    wrong = []
    for m in _catalog():
        en, fr = _texts(m.id), _texts(m.string)
        for stick in re.finditer(r"\b(?:USB )?sticks?\b", en):
            del stick
            # every « clé » of a text about a stick is a « clé USB », unless it is a key
            for cle in re.finditer(r"(?<!paire de )\bclés?\b(?! USB| de | du | privée| publique)",
                                   fr):
                wrong.append((en, fr, cle.group(0)))
            break
        if re.search(r"unlock", en, re.I) and "verrouill" not in fr:
            wrong.append((en, fr, "unlock"))
        if re.search(r"clé\w* ouverte|Ouverture de la clé", fr):
            wrong.append((en, fr, "ouverte"))
    assert wrong == []


def test_no_count_takes_a_plural_noun_outside_ngettext():
    wrong = [(m.context, m.id, m.string) for m in _catalog()
             if isinstance(m.id, str) and m.id not in AT_LEAST_TWO
             and COUNT_BEFORE_NOUN.search(m.string)]
    assert wrong == []
    plural = [m for m in _catalog() if isinstance(m.id, tuple)]
    assert any(m.string[0] == "{n} menace" for m in plural)  # the singular form exists
