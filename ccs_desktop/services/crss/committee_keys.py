"""The committees' signing keys at the CRSS (issue 12, `.ccsbak` format 2).

- The first key a committee signs with is registered by committee uuid, « non confirmée »:
  its rows are imported and shown as unconfirmed until the CRSS compares its fingerprint
  with the committee over the phone (`accept_key`, `ccs crss accept-key UUID --fingerprint
  FP`, the register screen).
- A file signed by another key is refused (the committee and both fingerprints named); that
  key waits as "pending" until the CRSS accepts it explicitly (a PC lost without a backup).
- An unsigned (format 1) file is accepted only for a committee with no registered key.
- Order: (restore generation, file sequence) of the signed manifest. A file older than the
  last one imported for the committee, or as old but different, is refused (a replay cannot
  roll back names withdrawn, a tombstone, a place); the very same file again changes
  nothing and is accepted.

What this cannot prevent: a brand-new committee uuid nobody registered yet can still send a
first file (its key is then « non confirmée » until the CRSS checks it with the committee).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from sqlalchemy import select

from ...db import cipher
from ...db import models as m
from ...db.engine import Database
from ...db.models_exchange import CommitteeKey
from ...i18n import _
from ..errors import UserError
from ..exchange.signing import fingerprint
from .checks import InvalidFile, Said

UNCONFIRMED, CONFIRMED = "unconfirmed", "confirmed"


@dataclass(frozen=True)
class KeyDecision:
    """What the check of a file decided, recorded with the merge (`record`)."""

    committee_uuid: str
    public_key: bytes | None  # the signer (None: an unsigned file)
    new_key: bool  # first key of this committee: registered, not confirmed
    confirmed: bool
    generation: int
    sequence: int


@dataclass(frozen=True)
class KeyStatus:
    status: str  # UNCONFIRMED / CONFIRMED
    fingerprint: str
    pending_fingerprint: str  # "" when no other key waits


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _raw(text: str) -> bytes:
    return base64.b64decode(text) if text else b""


def _fp(text: str) -> str:
    return fingerprint(_raw(text)) if text else ""


def _name(code: str, uuid: str) -> str:
    return f"{code} ({uuid})" if code else uuid


def _refused(message: Said) -> InvalidFile:
    return InvalidFile(message)


def check_file(db: Database, opened, info, sha: str) -> KeyDecision:  # noqa: ANN001
    """Decide whether the file's signature lets it in; raises InvalidFile (French) when
    not. Writes nothing but the pending key of a file signed by another key."""
    uuid, code = info.committee_uuid, info.committee_code
    committee = opened.manifest.get("committee") or {}
    generation = committee.get("restore_generation") or 0
    sequence = opened.manifest.get("sequence") or 0
    signer = opened.signer
    with db.session() as s:
        row = s.get(CommitteeKey, uuid)
        if signer is None:
            if row is not None:
                fp = _fp(row.public_key)
                raise _refused(Said(lambda tr: tr.gettext(
                    "File refused: it is not signed, but the committee {committee} signs its "
                    "files (registered key {fingerprint}). Anyone holding the CRSS public key "
                    "can write an unsigned file. Nothing was changed.").format(
                        committee=_name(code, uuid), fingerprint=fp)))
            return KeyDecision(uuid, None, False, False, generation, sequence)
        if row is None:
            return KeyDecision(uuid, signer, True, False, generation, sequence)
        if _raw(row.public_key) != signer:
            row.pending_public_key = _b64(signer)
            s.commit()
            registered, other = _fp(row.public_key), fingerprint(signer)
            raise _refused(Said(lambda tr: tr.gettext(
                "File refused: it is signed by another key than the one registered for the "
                "committee {committee} (registered key {registered}, key of this file "
                "{other}). Nothing was changed. If the committee really changed its key (a PC "
                "lost without a backup), check the new fingerprint with it by phone, then "
                "accept it: ccs crss accept-key {uuid} --fingerprint {other}").format(
                    committee=_name(code, uuid), registered=registered, other=other,
                    uuid=uuid)))
        last = (row.last_generation, row.last_sequence)
        if (generation, sequence) < last or (
                (generation, sequence) == last and sha != row.last_sha256):
            raise _refused(Said(lambda tr: tr.gettext(
                "File refused: the CRSS already imported a file of the committee {committee} "
                "as recent as this one or more recent (file {sequence} of generation "
                "{generation}, last imported: file {last_sequence} of generation "
                "{last_generation}). An older file cannot replace newer data. Nothing was "
                "changed.").format(committee=_name(code, uuid), sequence=sequence,
                                   generation=generation, last_sequence=last[1],
                                   last_generation=last[0])))
        return KeyDecision(uuid, signer, False, row.confirmed, generation, sequence)


def record(tgt: cipher.Connection, decision: KeyDecision, sha: str) -> None:
    """In the import's own transaction: register a first key (not confirmed) and move the
    committee's last imported (generation, sequence) forward."""
    if decision.public_key is None:
        return
    if decision.new_key:
        tgt.execute("INSERT INTO crss_committee_keys (committee_uuid, public_key, confirmed, "
                    "first_seen_at, confirmed_at, pending_public_key, last_generation, "
                    "last_sequence, last_sha256) VALUES (?, ?, 0, ?, NULL, '', ?, ?, ?)",
                    (decision.committee_uuid, _b64(decision.public_key),
                     m.utcnow().isoformat(sep=" "), decision.generation, decision.sequence,
                     sha))
        return
    tgt.execute("UPDATE crss_committee_keys SET last_generation = ?, last_sequence = ?, "
                "last_sha256 = ? WHERE committee_uuid = ?",
                (decision.generation, decision.sequence, sha, decision.committee_uuid))


def _same_fingerprint(a: str, b: str) -> bool:
    def norm(x: str) -> str:
        return "".join(ch for ch in x.upper() if ch.isalnum())

    return norm(a) == norm(b) and bool(norm(a))


def accept_key(db: Database, committee_uuid: str, given: str) -> str:
    """Confirm the committee's key, or accept the key that waits (a new PC), when `given`
    is its fingerprint as the committee reads it out. Returns a French sentence of what was
    done; a French UserError otherwise (nothing changed)."""
    with db.session() as s:
        row = s.get(CommitteeKey, committee_uuid.strip())
        if row is None:
            raise UserError(_("No key is registered for the committee {uuid}: it has not sent "
                              "a signed file yet.").format(uuid=committee_uuid))
        current, pending = _fp(row.public_key), _fp(row.pending_public_key)
        if _same_fingerprint(given, current):
            if row.confirmed:
                return _("The key {fingerprint} of this committee was already "
                         "confirmed.").format(fingerprint=current)
            row.confirmed, row.confirmed_at = True, m.utcnow()
            s.commit()
            return _("Key {fingerprint} confirmed: the files of this committee are no "
                     "longer shown as unconfirmed.").format(fingerprint=current)
        if pending and _same_fingerprint(given, pending):
            # a new PC starts its own numbering: the order starts again with this key
            row.public_key, row.pending_public_key = row.pending_public_key, ""
            row.confirmed, row.confirmed_at = True, m.utcnow()
            row.last_generation, row.last_sequence, row.last_sha256 = 0, 0, ""
            s.commit()
            return _("New key {fingerprint} accepted for this committee (the key {old} no "
                     "longer opens its files).").format(fingerprint=pending, old=current)
        raise UserError(_("The fingerprint given matches neither the registered key of this "
                          "committee ({current}) nor a key that waits ({pending}). Nothing "
                          "was changed.").format(current=current, pending=pending or "-"))


def statuses(db: Database) -> dict[str, KeyStatus]:
    """Committee uuid → the status of its key (committees without a key are absent)."""
    with db.session() as s:
        return {r.committee_uuid: KeyStatus(CONFIRMED if r.confirmed else UNCONFIRMED,
                                            _fp(r.public_key), _fp(r.pending_public_key))
                for r in s.scalars(select(CommitteeKey))}


def status_text(status: KeyStatus | None) -> str:
    if status is None:
        return _("no key")
    if status.status == CONFIRMED:
        return _("key confirmed")
    return _("key not confirmed")


def unconfirmed_notice(code: str, key_fp: str) -> str:
    return _("The key of the committee {committee} is not confirmed ({fingerprint}): its "
             "rows are imported but shown as unconfirmed until the CRSS checks this "
             "fingerprint with the committee by phone (ccs crss accept-key).").format(
                 committee=code, fingerprint=key_fp)

