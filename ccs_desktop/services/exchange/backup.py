"""The backup service's public face (no Qt; the GUI runs these off its thread and passes a
progress callback `progress(done, total, message)`): the names the CLI, the screens and the
CRSS import use, as `from ccs_desktop.services.exchange import backup as bk`.

Plain re-exports: each job lives in its own module, and a test that replaces a step patches
the module that uses it (`workfolders.cleanup_leftovers`, `security.LIVE_READ_TIMEOUT`,
`restore._copy_aside_atomically`), never this face.

- naming: kinds, labels, how a file was opened, file names and rotation on the stick
- workfolders: locked hidden work folders, leftovers of killed processes
- writing: backups and transmissions written, read back and checked
- reading: manifests checked, descriptions, decryption, verification
- security: the security settings a restore never changes silently
- restore: restore of a backup or an automatic copy
- autocopy: automatic local copies, pruning of copies set aside
- drives: the USB sticks and disks to write to (psutil)
"""

from __future__ import annotations

from .autocopy import auto_backup
from .drives import list_drives
from .naming import (AUTO_FOLDER, BACKUP_FOLDER, DEFAULT_KEEP, KIND_BACKUP, KIND_TRANSMISSION,
                     OPENED_CRSS_KEY, OPENED_LOCAL_COPY, OPENED_PASSPHRASE, OPENED_RECOVERY_KEY,
                     SUFFIX, notice, opened_with)
from .reading import (OpenedFile, check_manifest, contents_text, created_text, describe,
                      is_local_copy, missing_data_dir, open_any, open_file, verify_file)
from .restore import restore, security_report
from .security import (LIVE_READ_TIMEOUT, SECURITY_SETTINGS, current_security,
                       describe_security_changes, security_changes, security_fingerprints,
                       trust_again)
from .workfolders import (WorkFolder, _noop, _unlink_quietly, clean_leftovers_at_start,
                          cleanup_leftovers)
from .writing import create_backup, create_transmission

# what the CLI, the screens and the CRSS import use (`_noop` and `_unlink_quietly` by the
# CRSS import, which works in the same work folders)
__all__ = [
    "AUTO_FOLDER", "BACKUP_FOLDER", "DEFAULT_KEEP", "KIND_BACKUP", "KIND_TRANSMISSION",
    "LIVE_READ_TIMEOUT", "OPENED_CRSS_KEY", "OPENED_LOCAL_COPY", "OPENED_PASSPHRASE",
    "OPENED_RECOVERY_KEY",
    "OpenedFile", "SECURITY_SETTINGS", "SUFFIX", "TRUST_AGAIN", "WorkFolder", "_noop",
    "_unlink_quietly", "auto_backup", "check_manifest", "clean_leftovers_at_start",
    "cleanup_leftovers", "contents_text", "create_backup", "create_transmission",
    "created_text", "current_security", "describe", "describe_security_changes",
    "is_local_copy", "list_drives", "missing_data_dir", "notice", "open_any", "open_file",
    "opened_with", "restore", "security_changes", "security_fingerprints", "security_report",
    "trust_again", "verify_file",
]


def __getattr__(name: str) -> str:
    # `TRUST_AGAIN`, the old constant: translated when read (callers use bk.TRUST_AGAIN)
    if name == "TRUST_AGAIN":
        return trust_again()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
