"""What the files of the backup service are called: kinds and their labels, how a file was
opened and what that proves, the names of backups on a stick and their rotation."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from ...i18n import N_, _, pgettext

log = logging.getLogger(__name__)

SUFFIX = ".ccsbak"
BACKUP_FOLDER = "CCS-Sauvegardes"
DEFAULT_KEEP = 10
MAX_BODY = 64 * 1024 ** 3  # a snapshot claiming more than 64 GiB is refused
KIND_BACKUP, KIND_TRANSMISSION, KIND_KEY = "backup", "transmission", "crss-key"


def kind_label(kind: str) -> str:
    """What a kind of file is called, in the language in force (the code itself when
    unknown)."""
    if kind == KIND_BACKUP:
        return pgettext("file kind", "backup")
    if kind == KIND_TRANSMISSION:
        return pgettext("file kind", "transmission to the CRSS")
    if kind == KIND_KEY:
        return pgettext("file kind", "CRSS private key")
    return kind

AUTO_FOLDER = "sauvegardes-auto"

# passphrase proves who wrote a file: anyone holding the CRSS PUBLIC key (every committee
# has crss.pub) can write a file that the CRSS private key opens.
OPENED_PASSPHRASE, OPENED_CRSS_KEY, OPENED_LOCAL_COPY = "passphrase", "crss-key", "local-copy"
# a full backup opened with the committee's recovery key (its second recipient): readable,
# but an X25519 entry is made with a PUBLIC key, so it proves no author either
OPENED_RECOVERY_KEY = "recovery-key"
# The labels and notices below are English message ids, translated where they are shown
# (`authenticity_label`, `notice`).
AUTHENTIC_LABEL = N_("authentic (passphrase checked)")
CRSS_KEY_LABEL = N_("opened with the CRSS key: readable and complete, but its author is not "
                    "proven (anyone holding the CRSS public key can make such a file)")
CRSS_KEY_OPENED = N_("File opened with the CRSS key: readable and complete, but its author is "
                     "not proven (anyone holding the CRSS public key can make such a file).")
CRSS_KEY_NOTICE = N_("File opened with the CRSS key: readable and complete, but its author is "
                     "not proven (anyone holding the CRSS public key can make such a file). "
                     "A restore does not take its security settings (trusted CRSS key, secret "
                     "of the pseudonyms) unless explicitly asked.")
RECOVERY_KEY_LABEL = N_("opened with the committee's recovery key: readable and complete, but "
                        "its author is not proven by the key")
RECOVERY_KEY_NOTICE = N_("Backup opened with the committee's recovery key: readable and "
                         "complete, but the key does not prove who wrote it. A restore does "
                         "not take its security settings (trusted CRSS key, secret of the "
                         "pseudonyms) unless explicitly asked.")
LOCAL_COPY_LABEL = N_("local copy, not authenticated")
LOCAL_COPY_NOTICE = N_("Local copy, not authenticated: an automatic copy of this PC, readable "
                       "and complete, but nothing proves where it comes from (it is not "
                       "encrypted).")
AUTHENTICITY_LABELS = {OPENED_PASSPHRASE: AUTHENTIC_LABEL, OPENED_CRSS_KEY: CRSS_KEY_LABEL,
                       OPENED_LOCAL_COPY: LOCAL_COPY_LABEL,
                       OPENED_RECOVERY_KEY: RECOVERY_KEY_LABEL}
NOTICES = {OPENED_CRSS_KEY: CRSS_KEY_NOTICE, OPENED_LOCAL_COPY: LOCAL_COPY_NOTICE,
           OPENED_RECOVERY_KEY: RECOVERY_KEY_NOTICE}


def authenticity_label(how: str) -> str:
    """How far a file opened `how` (OPENED_…) is authentic, in the language in force."""
    return _(AUTHENTICITY_LABELS[how])


def opened_with(manifest: dict) -> str:
    """How the file of a manifest returned by `verify_file` was opened (OPENED_…); a
    manifest without that key is a local copy unless it says it authenticated."""
    how = manifest.get("_opened_with")
    if how in AUTHENTICITY_LABELS:
        return how
    return OPENED_PASSPHRASE if manifest.get("_authenticated") is True else OPENED_LOCAL_COPY


def notice(how: str, kind: str = KIND_BACKUP) -> str | None:
    """The warning to show for a file that did not authenticate (None when it did); for a
    transmission (never restored) without the note on restores."""
    if how == OPENED_CRSS_KEY and kind != KIND_BACKUP:
        return _(CRSS_KEY_OPENED)
    text = NOTICES.get(how)
    return _(text) if text is not None else None


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("ccs-desktop")
    except Exception:  # noqa: BLE001
        return "0"


def _ascii_code(code: str) -> str:
    from ...domain.text import fold

    s = re.sub(r"[^A-Za-z0-9-]+", "-", fold(code or "").upper()).strip("-")
    return s[:40] or "CCS"


def file_prefix(code: str, committee_uuid: str) -> str:
    return f"{_ascii_code(code)}_{committee_uuid.replace('-', '')[-8:].lower()}_"


def file_name(code: str, committee_uuid: str, kind: str, when: dt.datetime) -> str:
    tail = "_transmission" if kind == KIND_TRANSMISSION else ""
    return f"{file_prefix(code, committee_uuid)}{when:%Y%m%d-%H%M%S}{tail}{SUFFIX}"


_NAME_RE = re.compile(r"^(?P<prefix>[A-Z0-9-]+_[0-9a-f]{8}_)(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
                      r"(?P<tail>_transmission)?\.ccsbak$")


def rotate(folder: Path, prefix: str, kind: str, keep: int,
           newest: Path | None = None) -> list[Path]:
    """Delete the oldest files of this committee and kind beyond the last `keep` (by the
    time in their names; the file just written is never deleted)."""
    if keep <= 0:
        return []
    mine = []
    for p in folder.iterdir():
        mt = _NAME_RE.match(p.name)
        if (mt and mt["prefix"] == prefix
                and bool(mt["tail"]) == (kind == KIND_TRANSMISSION)):
            mine.append((mt["stamp"], int(mt["n"] or 0), p))
    mine.sort(key=lambda t: t[:2])
    removed = []
    for _stamp, _n, p in mine[:-keep]:
        if newest is not None and p.name == newest.name:
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError as exc:  # a read-only old file is not worth failing the backup
            log.warning("rotation : %s non supprimé (%s)", p, exc)
    return removed
