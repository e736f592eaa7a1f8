"""Encrypted `.ccsbak` files: backups, transmissions to the CRSS, restore (no Qt).

- container: the file format (docs/ccsbak-format.md)
- snapshot: VACUUM INTO copies, reduction to a transmission, safe opening of foreign files
- backup: the backup service's public face, over naming, workfolders, writing, reading,
  security, restore, autocopy and drives (one job each)
"""
