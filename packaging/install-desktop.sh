#!/usr/bin/env bash
# Put HelperDesk into the desktop's menu (Linux): the .desktop file, the AppStream
# metainfo and the icons under PREFIX (default ~/.local). The `helperdesk` command
# must be on PATH (pipx install . — or link dist/HelperDesk/HelperDesk to
# ~/.local/bin/helperdesk for the bundle).
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${1:-$HOME/.local}
APP_ID=de.helperdesk.HelperDesk
install -Dm644 "packaging/linux/$APP_ID.desktop" "$PREFIX/share/applications/$APP_ID.desktop"
install -Dm644 "packaging/linux/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
packaging/render-icons.sh "$PREFIX/share/icons"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "HelperDesk is in the menu (under Office)."
