#!/usr/bin/env bash
# scripts/fuzz.sh SECONDS [TARGET...]: builds the libFuzzer target in Fuzz/ (with the address
# sanitizer) and runs each part of it in turn, the SECONDS shared between them: shard (data files
# through the store's reader: strict JSON, schema, rules, positions, the fast decoder against Foundation's), rules (one record decoded
# and checked), csv and xlsx (ledgers read and planned against Fuzz/Folder), sheet (the XML parts
# of a workbook, zipped by the target itself so that mutations are not lost to the CRC).
# Prints per part the runs, executions per second, coverage and crashes; exits 1 on a crash,
# keeping the input that crashed under Fuzz/crashes/PART/ (the path is printed).
#
# The new inputs a run finds go to Fuzz/.corpus/PART (not committed); the committed seeds are
# Fuzz/Seeds/PART (regenerate them with scripts/fuzz-seeds.sh). libFuzzer's runtime comes with
# the Swift toolchain (usr/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a).
# GRIDWORK_FUZZ_SCRATCH: the fuzz build's folder (default Fuzz/.build). FUZZ_NICE: the niceness
# of the runs (default 19: a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

seconds="${1:?usage: scripts/fuzz.sh SECONDS [shard|rules|csv|xlsx|sheet ...]}"
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(shard rules csv xlsx sheet)

resources="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")/lib/clang"
if ! ls "$resources"/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
  echo "fuzz: this Swift toolchain has no libclang_rt.fuzzer (looked under $resources)" >&2
  exit 2
fi

scratch="${GRIDWORK_FUZZ_SCRATCH:-$root/Fuzz/.build}"
# Debug (testable, so the target reaches the store's reader) with coverage and ASan on every Swift module.
swift build --package-path Fuzz --scratch-path "$scratch" --product GridworkFuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
binary="$scratch/debug/GridworkFuzz"

work="$(mktemp -d "${TMPDIR:-/tmp}/gridwork-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The ledgers are planned against a copy: planning brings the folder's search index up to date.
cp -R Fuzz/Folder "$work/folder"

share=$(( seconds / ${#targets[@]} ))
[ "$share" -lt 1 ] && share=1
status=0
summary=()
for target in "${targets[@]}"; do
  corpus="Fuzz/.corpus/$target"
  crashes="Fuzz/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  dictionary=()
  [ -f "Fuzz/Dictionaries/$target.dict" ] && dictionary=(-dict="Fuzz/Dictionaries/$target.dict")
  log="$work/$target.log"
  echo "fuzz: $target for ${share}s" >&2
  set +e
  GRIDWORK_FUZZ_TARGET="$target" GRIDWORK_FUZZ_FOLDER="$work/folder" GRIDWORK_FUZZ_ADMIN=W-admin \
    ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" SWIFT_BACKTRACE=enable=no \
    nice -n "${FUZZ_NICE:-19}" "$binary" -max_total_time="$share" -timeout="${FUZZ_TIMEOUT:-20}" -rss_limit_mb=2048 \
      -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$crashes/" "${dictionary[@]}" "$corpus" "Fuzz/Seeds/$target" \
      >"$log" 2>&1
  code=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  coverage=$( (grep -o 'cov: [0-9]*' "$log" || true) | tail -1 | sed 's/cov: //')
  features=$( (grep -o 'ft: [0-9]*' "$log" || true) | tail -1 | sed 's/ft: //')
  crash=0
  if [ "$code" -ne 0 ]; then
    crash=1
    status=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    cp "$log" "$crashes/last-crash.log"
    tail -40 "$log" >&2
    echo "fuzz: $target crashed (exit $code); input kept at ${artifact:-$crashes}, log at $crashes/last-crash.log" >&2
  fi
  summary+=("$(printf '%-6s %10s %8s %7s %7s %7s' "$target" "${runs:-?}" "${speed:-?}" "${coverage:-?}" "${features:-?}" "$crash")")
done

printf '%-6s %10s %8s %7s %7s %7s\n' part runs exec/s cov ft crashes
printf '%s\n' "${summary[@]}"
exit $status
