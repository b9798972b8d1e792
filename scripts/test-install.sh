#!/usr/bin/env bash
# Install test of the Linux package that scripts/package.sh built (run by
# hand: it needs that release build, so scripts/test-all.sh does not run it).
#
#   scripts/test-install.sh           # in a throwaway Debian 12 root (debootstrap)
#   scripts/test-install.sh --host    # on this machine itself
#
# It installs the .deb with `apt-get install ./….deb` (so its Depends must
# bring in everything the app needs on a bare system), starts the installed
# app under Xvfb with a fresh HOME, measures the time until its window is
# there, takes a screenshot, runs the installed CLI's `mentorscope demo`,
# then removes the package and checks that nothing of it is left. The
# debootstrap base is made once and kept in ~/.cache/mentorscope/; every
# run works on a fresh copy of it, removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target="${CARGO_TARGET_DIR:-$repo/target}"
out="$target/install-test"
mode=chroot
[ "${1:-}" = "--host" ] && mode=host

deb=$(ls -t "$target"/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)
[ -n "$deb" ] || { echo "No .deb in $target/release/bundle/deb: run scripts/package.sh first." >&2; exit 1; }
for tool in Xvfb xwininfo import; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/setup.sh" >&2; exit 1; }
done
if [ $mode = chroot ] && ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null || mode=host
fi
rm -rf "$out" && mkdir -p "$out"
pkg=$(dpkg-deb -f "$deb" Package)
echo "package: $deb"
echo "  $(du -h "$deb" | cut -f1) on disk, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB, Depends: $(dpkg-deb -f "$deb" Depends)"
for rpm in "$target"/release/bundle/rpm/*.rpm; do
  [ -e "$rpm" ] && echo "  rpm: $(du -h "$rpm" | cut -f1) $rpm"
done

root=""
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if [ -n "$root" ]; then
    for m in tmp/.X11-unix dev/pts dev/shm dev sys proc; do
      mountpoint -q "$root/$m" && umount -l "$root/$m" || true
    done
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

# `in_root CMD…` runs a command where the package is installed.
if [ $mode = chroot ]; then
  base="$HOME/.cache/mentorscope/install-root-bookworm"
  if [ ! -x "$base/usr/bin/apt-get" ]; then
    echo "Making a Debian 12 base with debootstrap (once; kept in $base)"
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    rm -rf "$base"
    debootstrap --variant=minbase bookworm "$base" "${mirror:-http://deb.debian.org/debian}" >"$out/debootstrap.log"
  fi
  root=$(mktemp -d /var/tmp/mentorscope-install-root.XXXXXX)
  cp -a "$base/." "$root/"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys"
  mount --bind /dev "$root/dev"
  mount --bind /dev/pts "$root/dev/pts"
  mount -t tmpfs shm "$root/dev/shm"
  mkdir -p "$root/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
  cp "$deb" "$root/tmp/"
  deb_in_root="/tmp/$(basename "$deb")"
else
  in_root() { /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
  deb_in_root="$deb"
fi

echo "== install ($mode)"
in_root apt-get update -qq
# Without Recommends: the package's Depends alone must be enough.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb_in_root" >"$out/apt-install.log" 2>&1 \
  || { tail -20 "$out/apt-install.log"; exit 1; }
for f in /usr/bin/mentorscope /usr/bin/mentorscope-app /usr/share/applications/Mentorscope.desktop \
         /usr/share/doc/mentorscope/THIRD-PARTY-LICENSES.txt; do
  in_root test -e "$f" || { echo "not installed: $f" >&2; exit 1; }
done
in_root grep -q '^Categories=Office;Education;$' /usr/share/applications/Mentorscope.desktop
echo "installed: $(in_root dpkg-query -W -f='${Package} ${Version}' "$pkg")"
in_root mentorscope --version

echo "== start the installed app under Xvfb with a fresh HOME"
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do xwininfo -root -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
in_root rm -rf /tmp/fresh-home /tmp/demo-pack
in_root mkdir -p /tmp/fresh-home
start=$(date +%s.%N)
in_root env HOME=/tmp/fresh-home DISPLAY="$display" XDG_RUNTIME_DIR=/tmp/fresh-home \
  /usr/bin/mentorscope-app >"$out/app.log" 2>&1 &
app_pid=$!
wid=""
for _ in $(seq 300); do
  wid=$(xwininfo -root -tree -display "$display" 2>/dev/null | awk '/"Mentorscope"/ {print $1; exit}')
  [ -n "$wid" ] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$out/app.log"; echo "the app exited" >&2; exit 1; }
  sleep 0.05
done
[ -n "$wid" ] || { cat "$out/app.log"; echo "no window after 15 s" >&2; exit 1; }
window=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
# The window is mapped before WebKit has drawn anything in it (one flat
# colour); the first screen is there when the window holds the page's
# text and colours. Look every ~0.3 s for up to 20 s.
drawn=""
for _ in $(seq 60); do
  import -display "$display" -window "$wid" "$out/first-paint.png" 2>/dev/null || true
  colours=$(convert "$out/first-paint.png" -format %k info: 2>/dev/null || echo 0)
  if [ "$colours" -gt 50 ]; then
    drawn=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    break
  fi
  sleep 0.2
done
[ -n "$drawn" ] || { cat "$out/app.log"; echo "the window stayed blank for 20 s" >&2; exit 1; }
# Give the dashboard's fonts and layout a moment to settle, then look.
sleep 3
import -display "$display" -window root "$out/installed-app.png"
colours=$(convert "$out/installed-app.png" -format %k info:)
echo "start: window after ${window}s, first screen drawn after ${drawn}s (fresh HOME, new database)"
echo "screenshot $out/installed-app.png ($colours colours)"
[ "$colours" -gt 50 ] || { echo "the screenshot is blank" >&2; exit 1; }
in_root test -f /tmp/fresh-home/.local/share/com.mentorscope.desktop/mentorscope.db \
  || { echo "the app did not create its database in the fresh HOME" >&2; exit 1; }
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""

echo "== the installed CLI: mentorscope demo"
in_root env HOME=/tmp/fresh-home sh -c 'cd /tmp && mentorscope demo --out /tmp/demo-pack' | tail -3
for f in review.html review.pdf analysis.json; do
  in_root test -s "/tmp/demo-pack/$f" || { echo "demo wrote no $f" >&2; exit 1; }
done
[ $mode = chroot ] && cp "$root/tmp/demo-pack/review.pdf" "$out/demo-review.pdf"

echo "== remove"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$pkg" >"$out/apt-remove.log" 2>&1
if in_root dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
  echo "still installed after apt-get remove" >&2; exit 1
fi
for f in /usr/bin/mentorscope /usr/bin/mentorscope-app /usr/share/applications/Mentorscope.desktop \
         /usr/share/doc/mentorscope; do
  if in_root test -e "$f"; then echo "left behind: $f" >&2; exit 1; fi
done
echo "removed cleanly"
echo "install test passed ($mode)"
