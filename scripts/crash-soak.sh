#!/usr/bin/env bash
# Crash soak: kills a writer N times at random moments and checks the data folder after each kill.
#
#   scripts/crash-soak.sh N
#
# Makes a secured demo community once (accounts, audit trail, encrypted numbers), then N times:
# starts `StressWriter mixed` logged in as admin (household edits, new residents, case notes,
# patrols whose finding opens a case, new workers with their accounts; it prints "ack ..." after
# each save that returned), SIGKILLs it after a random delay (one kill in ten lands during the
# login, which writes the audit trail too), and checks:
#   - every file parses as the kill left it (StressWriter verify, before anything tidies up);
#   - every acknowledged change is on disk, every change on disk has its audit entry and no entry
#     speaks of a change that is not; no worker without an account, no account without a worker;
#   - after the next open (a login) no .journal with anything in it and no temp file
#     (.NAME.PID-HEX.gwtmp) is left;
#   - `gridwork audit verify` passes, and every 10th run and the last, `gridwork check` (every
#     rule and reference, with the passphrase) and the search index (which the writer updates a
#     grid at a time as it goes, so kills land in its writes too), brought up to date, holds
#     exactly the records on file.
# Prints a table and exits 1 if a count that must be 0 is not.
#
# It uses the debug build by default: `scripts/test` has just built it for `swift test` (about
# 2.1 s a run on 2 cores), and a release build of the package costs ~5 minutes there, more than
# 100 runs gain from it. For long soaks, SOAK_CONFIGURATION=release takes about 1.3 s a run.
# Environment: GRIDWORK_SCRATCH_PATH (SwiftPM scratch path, default .build), SOAK_CONFIGURATION
# (debug|release), SOAK_SEED (repeat a soak's delays and writes), SOAK_KEEP=1 (keep the folder).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-}
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/crash-soak.sh N   (N runs, each killing a writer once)" >&2
  exit 2
fi
scratch=${GRIDWORK_SCRATCH_PATH:-.build}
configuration=${SOAK_CONFIGURATION:-debug}
seed=${SOAK_SEED:-$(( $(date +%s) % 100000 ))}
full_every=10
export GRIDWORK_PASSPHRASE=demo-admin  # the demo's admin: synthetic data, nothing to protect

for product in gridwork StressWriter; do
  if ! built=$(swift build -c "$configuration" --scratch-path "$scratch" --product "$product" 2>&1); then
    echo "$built" >&2
    exit 1
  fi
done
bin=$(swift build -c "$configuration" --scratch-path "$scratch" --show-bin-path)
gridwork="$bin/gridwork"
writer="$bin/StressWriter"

work=$(mktemp -d "${TMPDIR:-/tmp}/gridwork-soak.XXXXXX")
data="$work/data"
acks="$work/acks.log"
: >"$acks"
started=$(date +%s.%N)
"$gridwork" demo --data "$data" --today 2026-11-22 --lang en >/dev/null 2>&1
made=$(date +%s.%N)

RANDOM=$seed
kills=0 acknowledged=0 lost=0 unaudited=0 phantom=0 orphans=0 unparsable=0 problems=0
audit_failures=0 leftover=0 writer_errors=0 journals=0 temps=0 full_checks=0 index_mismatches=0
failed_runs=()  # what went wrong, a line each
failed=0        # runs with anything wrong

# The demo itself must check clean, or nothing after means anything.
if ! "$writer" verify "$data" admin "$acks" --full >"$work/verify.out"; then
  echo "the new demo folder does not check clean:" >&2
  cat "$work/verify.out" >&2
  exit 1
fi

count() { # the value of KEY=... in the verify line
  sed -n "s/.* $1=\([0-9]*\).*/\1/p" "$work/verify.out" | head -n1
}

for ((run = 1; run <= runs; run++)); do
  before=${#failed_runs[@]}
  out="$work/run.out"
  "$writer" mixed "$data" admin "$((seed * 1000 + run))" >"$out" 2>"$work/writer.err" &
  pid=$!
  if ((RANDOM % 10 == 0)); then
    # During the login (scrypt, then the login's audit entry through the journal).
    sleep "0.$(printf '%03d' $((RANDOM % 400)))"
  else
    until grep -q '^ready$' "$out" 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
    sleep "0.$(printf '%03d' $((RANDOM % 500)))"
  fi
  if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  status=0
  wait "$pid" 2>/dev/null || status=$?
  if ((status != 0 && status != 137)); then
    # The writer stopped on its own: a save failed although nothing was wrong.
    writer_errors=$((writer_errors + 1))
    failed_runs+=("$run: writer exited $status: $(head -c 300 "$work/writer.err")")
  fi
  # Only whole lines: one the kill cut short was never an acknowledgement.
  whole=$(wc -l <"$out")
  head -n "$whole" "$out" | grep '^ack ' >>"$acks" || true

  verify_status=0
  # Every tenth run the verify also checks every rule and that the search index (which the
  # writer updates as it goes) holds exactly the records on file.
  full_flag=()
  if ((run % full_every == 0 || run == runs)); then full_flag=(--full); fi
  "$writer" verify "$data" admin "$acks" "${full_flag[@]}" >"$work/verify.out" 2>&1 || verify_status=$?
  line=$(head -n1 "$work/verify.out")
  if [[ "$line" != verify* ]]; then
    problems=$((problems + 1))
    failed_runs+=("$run: verify did not run: $(head -c 300 "$work/verify.out")")
    failed=$((failed + 1))
    continue
  fi
  acknowledged=$(count acknowledged)
  lost=$((lost + $(count lost)))
  unaudited=$((unaudited + $(count unaudited)))
  phantom=$((phantom + $(count phantom)))
  orphans=$((orphans + $(count orphans)))
  unparsable=$((unparsable + $(count unparsable)))
  problems=$((problems + $(count problems)))
  audit_failures=$((audit_failures + $(count audit_findings)))
  leftover=$((leftover + $(count leftover)))
  journals=$((journals + $(count journal_found)))
  temps=$((temps + $(count temp_found)))
  index_mismatches=$((index_mismatches + $(count index_mismatches)))
  if ((verify_status != 0)); then failed_runs+=("$run: $(cat "$work/verify.out")"); fi

  if ! "$gridwork" audit verify --data "$data" --lang en >"$work/audit.out" 2>&1; then
    audit_failures=$((audit_failures + 1))
    failed_runs+=("$run: gridwork audit verify: $(head -c 300 "$work/audit.out")")
  fi
  if ((run % full_every == 0 || run == runs)); then
    full_checks=$((full_checks + 1))
    if ! "$gridwork" check --data "$data" --lang en >"$work/check.out" 2>&1; then
      problems=$((problems + 1))
      failed_runs+=("$run: gridwork check: $(head -c 600 "$work/check.out")")
    fi
  fi
  if ((${#failed_runs[@]} > before)); then failed=$((failed + 1)); fi
  if ((run % 100 == 0)); then echo "crash-soak: $run of $runs runs" >&2; fi
done
finished=$(date +%s.%N)

per_run=$(awk -v a="$made" -v b="$finished" -v n="$runs" 'BEGIN { printf "%.2f", (b - a) / n }')
total=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.0f", b - a }')
printf '\ncrash soak: %d runs on a secured demo community (%s build, seed %s), %ss in all, %ss a run\n\n' \
  "$runs" "$configuration" "$seed" "$total" "$per_run"
printf '%-46s %8s  %s\n' "count" "value" "must be"
row() { printf '%-46s %8s  %s\n' "$1" "$2" "$3"; }
row "runs" "$runs" ""
row "writers killed (SIGKILL)" "$kills" "> 0"
row "acknowledged changes" "$acknowledged" "> 0"
row "acknowledged changes lost" "$lost" "0"
row "changes without their audit entry" "$unaudited" "0"
row "audit entries without their change" "$phantom" "0"
row "orphans (worker or account alone)" "$orphans" "0"
row "unparsable files" "$unparsable" "0"
row "check problems (gridwork check x$full_checks)" "$problems" "0"
row "audit verify failures" "$audit_failures" "0"
row "search index records unlike the files (x$full_checks)" "$index_mismatches" "0"
row "leftover temp or journal files after open" "$leftover" "0"
row "writer errors (a save failed on its own)" "$writer_errors" "0"
row "kills that cut a change short (its record played again at open)" "$journals" ""
row "kills that left a temp file (removed)" "$temps" ""

bad=$((lost + unaudited + phantom + orphans + unparsable + problems + audit_failures + leftover + writer_errors))
if ((kills == 0 || acknowledged == 0)); then bad=$((bad + 1)); fi
if ((bad > 0)); then
  echo
  echo "FAILED: kept $work for a look. First failures:"
  printf '  %s\n' "${failed_runs[@]:0:10}"
  echo "crash-soak: $((runs - failed)) passed, $failed failed"
  exit 1
fi
if [[ "${SOAK_KEEP:-}" == 1 ]]; then echo "kept $work"; else rm -rf "$work"; fi
echo
echo "crash-soak: $runs passed, 0 failed"
