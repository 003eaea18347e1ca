#!/usr/bin/env bash
# Install everything the tests need and run them: Debian packages (when run as
# root on Debian/Ubuntu), the project in a virtual environment, then pytest
# inside a private D-Bus session with an unlocked keyring (a real Secret
# Service backend). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  dovecot-imapd isync            # a real IMAP server for the sync tests; mbsync for benchmarks
  dbus gnome-keyring             # a real keyring backend (Secret Service)
  xvfb xauth                     # screenshots of the app on a virtual screen
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  fonts-noto-core fonts-dejavu-core
  poppler-utils                  # pdffonts, pdftotext, pdftoppm: summary PDFs read back independently
  desktop-file-utils appstream   # desktop-file-validate, appstreamcli (tests/test_packaging.py)
  librsvg2-bin                   # rsvg-convert: the icon's PNG sizes (packaging/render-icons.sh)
  gettext                        # msgfmt --check on the translation catalogs
  # OCR of paper letters: Tesseract with orientation data, German and the household languages
  tesseract-ocr tesseract-ocr-osd tesseract-ocr-deu tesseract-ocr-eng tesseract-ocr-ara
  tesseract-ocr-fas tesseract-ocr-tur tesseract-ocr-ukr tesseract-ocr-rus
  strace                         # a test proves the OCR worker writes no file
)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/python -m i18n.build   # compiled catalogs (.mo) are built, never committed

.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports   # the layers of ../shared/DESIGN.md (contracts in pyproject.toml)

# The application bundle takes minutes of CPU: built only when asked for
# (HELPERDESK_BUNDLE=1); tests/test_packaging.py then requires it, otherwise
# its bundle tests skip unless a bundle was built before.
if [ "${HELPERDESK_BUNDLE:-}" = 1 ]; then
  PYTHON=.venv/bin/python packaging/build-bundle.sh
fi

export QT_QPA_PLATFORM=offscreen
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  exec dbus-run-session -- packaging/with-keyring.sh .venv/bin/python -m pytest "$@"
fi
exec .venv/bin/python -m pytest "$@"
