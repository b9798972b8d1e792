#!/usr/bin/env bash
# Installs everything Mentorscope needs to build, run and test on Debian 12,
# then builds the user interface. Safe to run again: each step is skipped
# when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Tauri v2 on Linux (WebKitGTK 4.1) and the C toolchain
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # Tests: a virtual display, the WebDriver for WebKitGTK, screenshots, SQLite shell
  xvfb xauth webkit2gtk-driver imagemagick x11-utils sqlite3
  # Node.js builds the TypeScript UI
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  # npm and node may come from elsewhere (nvm, NodeSource); don't fight them.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    filtered=()
    for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
    missing=("${filtered[@]}")
  fi
fi
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# Tests of the slides and workbook: LibreOffice renders them (without its
# recommended extras, which are large), poppler turns its PDF into PNGs to
# look at, and a Python venv (below) holds python-pptx and openpyxl.
OFFICE_PACKAGES=(libreoffice-impress libreoffice-calc poppler-utils python3-venv)
missing=()
for p in "${OFFICE_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# The UI (TypeScript, bundled by Vite into ui/dist, which the app embeds).
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules ]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd ui && npm run --silent build >/dev/null)

# The test venv: independent readers of the pack's PowerPoint and Excel
# files (tests/office_pack.rs), pinned in tests/python/requirements.txt;
# made again when that file changes.
VENV=${MENTORSCOPE_TEST_VENV:-$HOME/.cache/mentorscope/test-venv}
stamp="$VENV/.requirements"
if [ ! -x "$VENV/bin/python" ] || ! cmp -s tests/python/requirements.txt "$stamp"; then
  echo "Creating the test venv in $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r tests/python/requirements.txt
  cp tests/python/requirements.txt "$stamp"
fi
