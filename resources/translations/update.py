"""Refresh the French translation of the user interface.

    .venv/bin/python resources/translations/update.py          # lupdate, fill French, lrelease
    .venv/bin/python resources/translations/update.py --check  # exit 1 if a string lacks French

Source strings are English (tr() in ccs_desktop/ui/**/*.py). The French lives in
fr_strings.py (a dict keyed by the English text, or by (context, text) where one English
text needs two French ones); this script writes it into ccs_desktop_fr.ts and compiles the .qm.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
UI = ROOT / "ccs_desktop" / "ui"
TS = HERE / "ccs_desktop_fr.ts"
QM = HERE / "ccs_desktop_fr.qm"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to the running Python, else on PATH."""
    for candidate in (Path(sys.executable).parent / f"pyside6-{name}",
                      Path(sys.executable).parent / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    direct = Path(PySide6.__file__).parent / name
    if direct.exists():
        return str(direct)
    raise SystemExit(f"pyside6-{name} introuvable : installez PySide6-Essentials.")


def sources() -> list[str]:
    files = [p for p in UI.rglob("*.py") if "__pycache__" not in p.parts]
    return sorted(str(p) for p in [*files, ROOT / "ccs_desktop" / "app.py"])


# Other modules keep their French beside their code, as {context: {english: french}}.
NESTED = [ROOT / "ccs_desktop" / "ui" / "editors" / "fr_strings.py",
          ROOT / "ccs_desktop" / "ui" / "exchange_fr_strings.py"]


def _load(path: Path, name: str) -> dict:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FR


def load_french() -> dict:
    french = dict(_load(HERE / "fr_strings.py", "fr_strings"))
    for n, path in enumerate(NESTED):
        if path.is_file():
            for context, pairs in _load(path, f"fr_strings_{n}").items():
                for english, text in pairs.items():
                    french.setdefault((context, english), text)
    return french


def run_lupdate(ts: Path) -> None:
    subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    "-target-language", "fr_FR", *sources(), "-ts", str(ts)], check=True)


# A bare module-level `tr("...")` helper is read by lupdate as the empty context; at run time
# ui/editors/base.py translates those strings in the "RecordEditor" context.
CONTEXT_ALIASES = {"": "RecordEditor"}


def french_for(french: dict, context: str, source: str):  # noqa: ANN201
    return french.get((context, source)) or french.get(source)


def fill(ts: Path, french: dict) -> list[tuple[str, str]]:
    """Write the French into the .ts; return the (context, source) pairs left without any."""
    tree = ET.parse(ts)
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.find("name")
        context = (name.text if name is not None else "") or ""
        if context in CONTEXT_ALIASES and name is not None:
            context = name.text = CONTEXT_ALIASES[context]
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            text = french_for(french, context, source)
            if text and msg.get("numerus") == "yes":
                forms = (text, text) if isinstance(text, str) else text
                for child in list(tr):
                    tr.remove(child)
                tr.text = None
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = form
                tr.attrib.pop("type", None)
            elif text:
                tr.text = text
                tr.attrib.pop("type", None)
            else:
                tr.set("type", "unfinished")
                missing.append((context, source))
    ET.indent(tree, space="    ")
    with open(ts, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
        fh.write(b"\n")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that every string of the code has its French")
    args = parser.parse_args(argv)
    french = load_french()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            ts = Path(tmp) / "check_fr.ts"
            run_lupdate(ts)
            missing = fill(ts, french)
    else:
        run_lupdate(TS)
        missing = fill(TS, french)
        subprocess.run([tool("lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)
    for context, source in missing:
        print(f"sans traduction française : [{context}] {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
