"""French typography on the French catalog: every msgstr of a .po file through
ccs_desktop.domain.french.message_typography, the function the documents' typography
(french.typography) serves, with the codes of a message left alone.

    python po/typeset.py po/fr.po            # rewrite the file in place
    python po/typeset.py po/fr.po --check    # list the entries that are not set, exit 1

Idempotent: run it again after merging fragments written with straight apostrophes and plain
spaces. The interface's spaces are U+00A0 (the documents' character, in every font Qt uses;
Qt does not break a label's line at U+00A0 either).
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ccs_desktop.domain.french import message_typography  # noqa: E402


# contexts whose French must stay exactly what the database stores: the national threat types
# are seeded rows (migration 0001) and the catalog's French is compared with them (documents
# set them when printing, like any text read from the database)
STORED_CONTEXTS = frozenset({"NationalThreatTypes"})


def typeset(catalog) -> list[str]:  # noqa: ANN001
    """Set every msgstr of the catalog; the msgids of the entries changed."""
    changed = []
    for message in catalog:
        if not message.id or not message.string or message.context in STORED_CONTEXTS:
            continue
        if isinstance(message.string, (tuple, list)):
            new = tuple(message_typography(s) for s in message.string)
        else:
            new = message_typography(message.string)
        if new != message.string:
            message.string = new
            changed.append(message.id if isinstance(message.id, str) else message.id[0])
    return changed


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    check = "--check" in argv
    if len(paths) != 1:
        print(__doc__)
        return 2
    path = Path(paths[0])
    with open(path, "rb") as fh:
        catalog = read_po(fh)
    changed = typeset(catalog)
    if check:
        for msgid in changed:
            print(f"not typeset: {msgid!r}")
        return 1 if changed else 0
    if changed:
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=0, sort_by_file=True)
    print(f"{len(changed)} entries typeset in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
