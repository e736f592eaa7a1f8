#!/usr/bin/env bash
# Linux: the one-folder bundle (PyInstaller) and its .tar.gz, with a desktop entry and icons.
#   packaging/build-linux.sh [OUTPUT_FOLDER]        (default: dist/)
# Run from any folder, with the Python environment that has the project and its `packaging`
# extra installed (PYTHON=... to choose it; default: python3). Prints the archive's path.
# The spec takes the guide's screenshots first (headless, ~10 s; CCS_GUIDE_SHOTS=skip: none).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
python="${PYTHON:-python3}"
version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/ccs_desktop/__init__.py")"
work="$out/build"
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$out" --workpath "$work" \
  "$root/packaging/ccs-desktop.spec"
bundle="$out/ccs-desktop"
# the guide's pictures are in (the spec took them), unless asked otherwise
if [ "${CCS_GUIDE_SHOTS:-}" != skip ] \
    && [ -z "$(find "$bundle" -path '*/resources/guide/shots/accueil.png' -print -quit)" ]; then
  echo "the guide's screenshots are missing from the bundle" >&2
  exit 1
fi
# the desktop entry and the icons, and what installs them for the current user
cp "$root/packaging/ccs-desktop.desktop" "$bundle/"
mkdir -p "$bundle/icons"
cp "$root"/resources/icons/ccs-desktop-*.png "$bundle/icons/"
install -m 755 "$root/packaging/install-linux.sh" "$bundle/install.sh"
name="ccs-desktop-$version-linux-$(uname -m)"
rm -rf "${out:?}/$name"
mv "$bundle" "$out/$name"
tar -C "$out" -czf "$out/$name.tar.gz" "$name"
rm -rf "$work"
echo "$out/$name.tar.gz"
