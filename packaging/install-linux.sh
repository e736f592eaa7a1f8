#!/usr/bin/env bash
# Adds CCS Desktop to the applications menu of the current user (no administrator rights):
# run it from the unpacked folder, which stays where it is (the menu entry points to it).
# Removing the folder and ~/.local/share/applications/ccs-desktop.desktop uninstalls; the
# data (~/.local/share/CCS-Desktop) is never touched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
for png in "$here"/icons/ccs-desktop-*.png; do
  size="$(basename "$png" .png)"; size="${size#ccs-desktop-}"
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$share/icons/hicolor/${size}x${size}/apps/ccs-desktop.png"
done
mkdir -p "$share/applications"
sed "s|^Exec=ccs-desktop|Exec=\"$here/ccs-desktop\"|" "$here/ccs-desktop.desktop" \
  > "$share/applications/ccs-desktop.desktop"
echo "CCS Desktop est dans le menu des applications (raccourci : $share/applications/ccs-desktop.desktop)."
