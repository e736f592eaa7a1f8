"""Crash-safe drafts: what the secretary typed survives a power cut or a crash.

An editor writes its form's content as JSON into ``<data_dir>/drafts/<kind>-<id|new>.json``
at most `DRAFT_DELAY_MS` after each change (throttled, never postponed by further typing: what was
typed more than 200 ms before a power cut is on disk), atomically (temporary file, flush, fsync, os.replace),
sealed with the key of the database beside it (services/sealed.py: what was typed is as
sensitive as the records), removes it when the record is saved, and offers it back when the
editor opens again. A clear draft left by the previous version is read once and sealed.
The file functions do the writing and reading; `DraftKeeper` adds the debounce timer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..fileio import write_atomically
from ..services import sealed

translate = QCoreApplication.translate
DRAFT_DIR = "drafts"
FORMAT = 1
#: the longest a change waits before its draft is written (the write itself takes a few ms)
DRAFT_DELAY_MS = 100
#: a running session's marker: left behind, it tells the next start the program was cut off
SESSION_FILE = "session.pid"
#: a choice's code (« ordinary », « not_held »): never shown as what was typed
CODE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
#: drafts already offered at this start (path, time written): never offered twice
_offered: set[tuple[Path, dt.datetime]] = set()


def kind_label(kind: str, new: bool) -> str:
    """« Nouveau membre », « Réunion »...: what the form was, in the interface's language."""
    labels = {  # (new record, existing record)
        "meetings": (translate("Drafts", "New meeting"), translate("Drafts", "Meeting")),
        "threats": (translate("Drafts", "New threat"), translate("Drafts", "Threat")),
        "vulnerabilities": (translate("Drafts", "New vulnerability"),
                            translate("Drafts", "Vulnerability")),
        "recommendations": (translate("Drafts", "New recommendation"),
                            translate("Drafts", "Recommendation")),
        "activities": (translate("Drafts", "New activity"), translate("Drafts", "Activity")),
        "people": (translate("Drafts", "New member"), translate("Drafts", "Member")),
    }
    pair = labels.get(kind)
    return kind if pair is None else pair[0 if new else 1]


@dataclass(frozen=True)
class Draft:
    kind: str
    record_id: int | None
    path: Path
    saved_at: dt.datetime
    content: dict[str, Any]

    @property
    def summary(self) -> str:
        """What the form was and a few words of what was typed, to recognise the draft in a
        list, in plain words (« Nouveau membre : Hawa »): the choices' codes, dates and
        numbers are left out."""
        texts: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                text = value.strip()
                if text and not text[:4].isdigit() and not CODE.fullmatch(text):
                    texts.append(" ".join(text.split()))
            elif isinstance(value, dict):
                for v in value.values():
                    walk(v)

        walk(self.content)
        text = " · ".join(texts)
        text = text[:80] + ("…" if len(text) > 80 else "")
        what = kind_label(self.kind, self.record_id is None)
        return f"{what} : {text}" if text else what


def drafts_dir(data_dir: str | Path) -> Path:
    return Path(data_dir) / DRAFT_DIR


def draft_path(data_dir: str | Path, kind: str, record_id: int | None) -> Path:
    return drafts_dir(data_dir) / f"{kind}-{record_id if record_id is not None else 'new'}.json"


write_atomic = write_atomically  # kept for callers of the drafts module


def save_draft(data_dir: str | Path, kind: str, record_id: int | None,
               content: dict[str, Any]) -> Path | None:
    """The draft written sealed (None when no database of this folder is open in this
    process: nothing is ever written in clear)."""
    box = sealed.box_for(data_dir)
    if box is None:
        return None
    path = draft_path(data_dir, kind, record_id)
    payload = {"format": FORMAT, "kind": kind, "record_id": record_id,
               "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
               "content": content}
    data = json.dumps(payload, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    write_atomic(path, box.seal(path.name, data))
    return path


def _read(path: Path) -> Draft | None:
    try:
        raw = path.read_bytes()
        box = sealed.box_for(path.parent.parent)
        if sealed.is_sealed(raw):
            clear = box.open(path.name, raw) if box is not None else None
            if clear is None:
                return None  # another database's, or damaged
        else:  # a clear draft of the previous version: sealed now, then read
            clear = raw
            if box is not None:
                write_atomic(path, box.seal(path.name, raw))
        payload = json.loads(clear.decode("utf-8"))
        return Draft(kind=str(payload["kind"]), record_id=payload.get("record_id"), path=path,
                     saved_at=dt.datetime.fromisoformat(payload["saved_at"]),
                     content=dict(payload["content"]))
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None  # a half-written file cannot exist (atomic writes); ignore foreign files


def load_draft(data_dir: str | Path, kind: str, record_id: int | None) -> Draft | None:
    path = draft_path(data_dir, kind, record_id)
    return _read(path) if path.is_file() else None


def discard_draft(data_dir: str | Path, kind: str, record_id: int | None) -> None:
    try:
        draft_path(data_dir, kind, record_id).unlink()
    except FileNotFoundError:
        pass


def pending_drafts(data_dir: str | Path) -> list[Draft]:
    """Every draft left behind (by a crash or a power cut) and not yet offered at this start,
    newest first: the main window offers them once at start (`offer_once`);
    `ccs_desktop.ui.editors.open_editor(d.kind, d.record_id, window)` reopens one and the
    editor offers the draft back."""
    folder = drafts_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [d for d in (_read(p) for p in folder.glob("*.json"))
             if d is not None and (d.path, d.saved_at) not in _offered]
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def offer_once(drafts: list[Draft]) -> None:
    """These drafts were offered at this start: not again (they stay on their forms)."""
    _offered.update((d.path, d.saved_at) for d in drafts)


# the session marker: was the previous session cut off? ---------------------------------------
def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone's process: still running
    return True


def begin_session(data_dir: str | Path) -> bool:
    """Mark data_dir as open by this process; True when the previous session was cut off (its
    marker left by a process that no longer runs: a power cut, a crash, a kill)."""
    marker = drafts_dir(data_dir) / SESSION_FILE
    interrupted = False
    try:
        pid = int(marker.read_text(encoding="ascii").strip() or 0)
        interrupted = pid > 0 and not _alive(pid)
    except (OSError, ValueError):
        pass
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(marker, str(os.getpid()).encode("ascii"))
    except OSError:
        pass  # a read-only folder: no marker, no question at the next start
    return interrupted


def end_session(data_dir: str | Path) -> None:
    """The program closed normally: the next start asks nothing."""
    marker = drafts_dir(data_dir) / SESSION_FILE
    try:
        if int(marker.read_text(encoding="ascii").strip() or 0) == os.getpid():
            marker.unlink()
    except (OSError, ValueError):
        pass


class DraftKeeper(QObject):
    """Writes `collect()` as the draft of (kind, record_id) `delay_ms` after the first
    `touch()` not yet written (a touch while a write is due does not postpone it: continuous
    typing is still on disk every `delay_ms`); `flush()` writes at once (closing)."""

    def __init__(self, data_dir: str | Path, kind: str, record_id: int | None,
                 collect: Callable[[], dict[str, Any]], delay_ms: int = DRAFT_DELAY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.kind = kind
        self.record_id = record_id
        self._collect = collect
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.enabled = True
        self.last_path: Path | None = None

    def touch(self) -> None:
        if self.enabled and not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        self._timer.stop()
        if self.enabled:
            self.last_path = save_draft(self.data_dir, self.kind, self.record_id,
                                        self._collect())

    def discard(self) -> None:
        self._timer.stop()
        discard_draft(self.data_dir, self.kind, self.record_id)

    def rekey(self, record_id: int | None) -> None:
        """The record was created: the draft of "new" becomes the draft of its id."""
        discard_draft(self.data_dir, self.kind, self.record_id)
        self.record_id = record_id

    def load(self) -> Draft | None:
        return load_draft(self.data_dir, self.kind, self.record_id)
