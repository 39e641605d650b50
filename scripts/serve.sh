#!/usr/bin/env bash
# Serves claim-annotator on http://127.0.0.1:8080/ (the built-in article on
# first start), installing what the build needs first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec trunk serve --release "$@"
