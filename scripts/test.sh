#!/usr/bin/env bash
# Runs every check and test of claim-annotator, installing what they need
# first (idempotently). Ends with one line: "N passed, M failed".
#   formatting, clippy (native and wasm), core unit tests (native),
#   browser glue tests (wasm-bindgen-test in headless Chromium),
#   a release build, and Playwright journeys with axe-core against dist/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh" --browser || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
set +e
cd "$ROOT"

LOG_DIR="$ROOT/target/test-logs"
mkdir -p "$LOG_DIR"
passed=0
failed=0
failed_steps=()

# Adds the counts a test runner printed to the totals.
count_tests() {
  local log=$1 p f
  # cargo test and wasm-bindgen-test-runner: "test result: ok. 12 passed; 0 failed; ..."
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  # node --test: "ℹ pass 12" / "ℹ fail 0" (spec) or "# pass 12" (TAP)
  p=$((p + $(grep -E '^(ℹ|#) pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  f=$((f + $(grep -E '^(ℹ|#) fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  passed=$((passed + p))
  failed=$((failed + f))
}

# step NAME COMMAND...: runs a step, shows its output, records failure.
step() {
  local name=$1
  shift
  local log="$LOG_DIR/${name// /-}.log"
  printf '\n=== %s\n' "$name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  count_tests "$log"
  if [ "$status" -ne 0 ]; then
    failed_steps+=("$name")
    # A step that failed without failing a test (formatting, lint, build) counts once.
    if ! grep -Eq '[1-9][0-9]* failed|^(ℹ|#) fail [1-9]' "$log"; then failed=$((failed + 1)); fi
  fi
  return "$status"
}

step "cargo fmt" cargo fmt --all -- --check
step "clippy native" cargo clippy --workspace --all-targets -- -D warnings
# The core's own tests run natively (its property tests use proptest, which
# has no wasm random source); on wasm, lint the app and its browser tests,
# which compile the core's library too.
step "clippy wasm" cargo clippy -p claim-annotator --all-targets --target wasm32-unknown-unknown -- -D warnings
step "core tests" cargo test -p annotator-core
CHROMEDRIVER=/usr/bin/chromedriver step "browser glue tests" cargo test -p claim-annotator --target wasm32-unknown-unknown
if step "release build" trunk build --release; then
  step "end-to-end journeys" node --test --test-concurrency=1 --test-reporter=spec e2e/
else
  echo "end-to-end journeys not run: the release build failed"
  failed=$((failed + 1))
  failed_steps+=("end-to-end journeys (not run)")
fi

echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "Failed steps: ${failed_steps[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failed_steps[@]} -eq 0 ]
