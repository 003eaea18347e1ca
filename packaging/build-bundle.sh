#!/usr/bin/env bash
# Build the one-folder application bundle dist/HelperDesk/ (executable
# dist/HelperDesk/HelperDesk) with PyInstaller from packaging/helperdesk.spec.
#
# Linux and macOS:  packaging/build-bundle.sh   (uses .venv, or $PYTHON)
# Windows (PowerShell, from the repository root):
#   py -3.11 -m venv .venv; .venv\Scripts\pip install ".[bundle]"
#   .venv\Scripts\python -m i18n.build      # when the catalogs exist
#   .venv\Scripts\pyinstaller --noconfirm --clean packaging\helperdesk.spec
# macOS additionally gets dist/HelperDesk.app. PyInstaller does not
# cross-compile: build on each system, on the oldest version you support.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
[ -x "$PYTHON" ] || { python3 -m venv .venv; PYTHON=.venv/bin/python; }
# The project's dependencies and PyInstaller (the `bundle` extra); the spec
# takes HelperDesk's own packages from this checkout.
"$PYTHON" -c 'import PyInstaller' 2>/dev/null || "$PYTHON" -m pip install -q -e '.[bundle]'
if [ -f i18n/build.py ]; then
  "$PYTHON" -m i18n.build   # compiled catalogs go into the bundle
fi
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/helperdesk.spec
if [ "$(uname -s)" = Linux ]; then
  # Desktop integration next to the executable (packaging/install-desktop.sh installs it).
  mkdir -p dist/HelperDesk/share/applications dist/HelperDesk/share/metainfo
  cp packaging/linux/de.helperdesk.HelperDesk.desktop dist/HelperDesk/share/applications/
  cp packaging/linux/de.helperdesk.HelperDesk.metainfo.xml dist/HelperDesk/share/metainfo/
  if command -v rsvg-convert >/dev/null; then
    packaging/render-icons.sh dist/HelperDesk/share/icons
  fi
fi
du -sh dist/HelperDesk
dist/HelperDesk/HelperDesk --version
