#!/usr/bin/env bash
# Builds the static site into dist/ (release: optimised and wasm-opt'ed),
# installing what the build needs first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec trunk build --release "$@"
