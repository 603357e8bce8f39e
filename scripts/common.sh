# Shared by scripts/*: paths, the Emscripten environment and small helpers. Sourced, not run.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_NATIVE="$ROOT/build/native"
BUILD_WEB="$ROOT/build/web"
ARTIFACTS="$ROOT/tests/artifacts"

# Debian's emscripten 3.1.6 loads acorn & co. from Debian's node module tree.
export NODE_PATH=/usr/share/nodejs
# The web build reuses Debian's prebuilt, frozen system-library cache; never write into it.
export EM_FROZEN_CACHE=1

JOBS="$(nproc 2>/dev/null || echo 2)"

log() { printf '\033[1m[recert]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[recert] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Seconds since the script started, for the timing lines the scripts print.
elapsed() { echo "$SECONDS"; }
