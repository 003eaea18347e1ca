#!/usr/bin/env bash
# Render HelperDesk's icon (ui/helperdesk.svg) to PNGs in the freedesktop "hicolor"
# layout: OUTDIR/hicolor/<N>x<N>/apps/de.helperdesk.HelperDesk.png for N in 16…256,
# plus the SVG under scalable/. Needs rsvg-convert (Debian: librsvg2-bin).
# The PNGs are generated, never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: packaging/render-icons.sh OUTDIR}
APP_ID=de.helperdesk.HelperDesk
for n in 16 22 24 32 48 64 128 256; do
  mkdir -p "$OUT/hicolor/${n}x${n}/apps"
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio ui/helperdesk.svg \
    --output "$OUT/hicolor/${n}x${n}/apps/$APP_ID.png"
done
mkdir -p "$OUT/hicolor/scalable/apps"
cp ui/helperdesk.svg "$OUT/hicolor/scalable/apps/$APP_ID.svg"
