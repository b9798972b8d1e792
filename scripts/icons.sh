#!/usr/bin/env bash
# Renders the app icon (assets/icon/mentorscope.svg) into every size and
# format the bundlers want, in src-tauri/icons/: PNGs for Linux (RGBA, which
# tauri-build requires), icon.ico for Windows (16–256 px), icon.icns for
# macOS (16–1024 px). Needs rsvg-convert, ImageMagick and png2icns:
#   apt-get install librsvg2-bin imagemagick icnsutils
# (`cargo tauri icon assets/icon/mentorscope.svg` makes the same set, plus
# store logos this project does not ship.)
set -euo pipefail
cd "$(dirname "$0")/.."
src=assets/icon/mentorscope.svg
out=src-tauri/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$s" -h "$s" "$src" -o "$tmp/$s.png"
done
cp "$tmp/32.png" "$out/32x32.png"
cp "$tmp/64.png" "$out/64x64.png"
cp "$tmp/128.png" "$out/128x128.png"
cp "$tmp/256.png" "$out/128x128@2x.png"
cp "$tmp/512.png" "$out/icon.png"
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/256.png" "$out/icon.ico"
png2icns "$out/icon.icns" "$tmp/16.png" "$tmp/32.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null
ls -l "$out"
