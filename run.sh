#!/usr/bin/env bash
# One entry point for a new machine: installs what is missing, then runs.
#   ./run.sh app [ARGS...]   install what is needed and start the desktop app
#   ./run.sh test [ARGS...]  install what is needed and run the whole test suite headless
#   ./run.sh build           install what is needed and build the one-folder app (dist/)
# Debian/Ubuntu packages are installed with apt-get (through sudo when not root);
# Python packages go into .venv/ from requirements*.txt.
set -euo pipefail
cd "$(dirname "$0")"

# Libraries Qt needs: offscreen rendering (tests) and a real X11 window (the app).
QT_DEBS=(libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0
         libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
         libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 fontconfig)
# CJK glyphs for the Beijing / Nanjing / Kyoto trials, and PDF text checks in tests.
EXTRA_DEBS=(fonts-wqy-microhei poppler-utils poppler-data)

need_debs() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then missing+=(python3-venv); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Please install these system packages: ${missing[*]}" >&2
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

need_venv() {
  local req="$1"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # Reinstall only when the requirements changed.
  local stamp=".venv/.stamp-$(cat requirements.txt "$req" | sha1sum | cut -c1-12)"
  if [ ! -e "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -r "$req"
    touch "$stamp"
  fi
}

cmd="${1:-app}"
[ $# -gt 0 ] && shift
case "$cmd" in
  app)
    need_debs "${QT_DEBS[@]}" "${EXTRA_DEBS[@]}"
    need_venv requirements.txt
    exec .venv/bin/python main.py "$@"
    ;;
  test)
    need_debs "${QT_DEBS[@]}" "${EXTRA_DEBS[@]}" xvfb xauth
    need_venv requirements-dev.txt
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest -q "$@"
    ;;
  build)
    # PyInstaller reads binaries with objdump (binutils); Debian's own Python keeps its
    # shared libpython in a separate package.
    build_debs=(binutils)
    if [ "$(python3 -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
      build_debs+=("libpython$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
    fi
    need_debs "${QT_DEBS[@]}" "${EXTRA_DEBS[@]}" "${build_debs[@]}"
    need_venv requirements-build.txt
    .venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN pyinstaller.spec
    echo "Built dist/TrialEligibility/ ($(du -sm dist/TrialEligibility | cut -f1) MB)." \
         "Check it with: dist/TrialEligibility/TrialEligibility --self-test"
    ;;
  *)
    echo "usage: ./run.sh app|test|build [ARGS...]" >&2
    exit 2
    ;;
esac
