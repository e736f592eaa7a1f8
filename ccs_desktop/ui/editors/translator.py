"""A QTranslator serving `fr_strings.FR` (the editors' French) from memory: installed by tests
and screenshots, and usable by the application until the compiled .qm carries these strings."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from .fr_strings import FR


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, dict[str, str]] | None = None,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.table = FR if table is None else table

    def isEmpty(self) -> bool:  # noqa: N802
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null QString) means "not here": Qt then asks the next translator or keeps
        # the source; an empty string would blank the text.
        return self.table.get(context, {}).get(source) or None


def install_french(app) -> DictTranslator:  # noqa: ANN001
    translator = DictTranslator(parent=app)
    app.installTranslator(translator)
    return translator
