#!/usr/bin/env bash
# Regenerates the fuzzer's committed seeds (Fuzz/Seeds) and its small data folder (Fuzz/Folder)
# from a demo community: `gridwork demo` (default scale, a fixed day, so the output repeats),
# ledgers of one grid exported from it with the numbers in full, then scripts/fuzz-seeds.py cuts
# a few records and rows of each. Synthetic data only. The demo is made in memory (/dev/shm when
# there is one): on a disk its thousands of durable writes take minutes.
# GRIDWORK_SCRATCH_PATH, when set, is passed to SwiftPM (a worktree's own build folder).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/debian-packages.sh
install_missing python3-openpyxl

scratch=()
if [ -n "${GRIDWORK_SCRATCH_PATH:-}" ]; then scratch=(--scratch-path "$GRIDWORK_SCRATCH_PATH"); fi
swift build --product gridwork "${scratch[@]}"
gridwork="$(swift build --show-bin-path "${scratch[@]}")/gridwork"

base=/tmp
[ -d /dev/shm ] && base=/dev/shm
work="$(mktemp -d "$base/gridwork-seeds.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$gridwork" demo --data "$work/demo" --today 2026-11-30 --lang en
mkdir "$work/exports"
grid=420303001005002
for kind in residents households cases; do
  for format in csv xlsx; do
    GRIDWORK_PASSPHRASE=demo-admin "$gridwork" export "$kind" --data "$work/demo" --grid "$grid" --reveal --lang zh \
      --output "$work/exports/$kind.$format"
  done
done
/usr/bin/python3 scripts/fuzz-seeds.py "$work/demo" "$work/exports" Fuzz
du -sh Fuzz/Seeds Fuzz/Folder
