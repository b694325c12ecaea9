#!/usr/bin/env bash
# Fuzzes every target for SECONDS each (default 600) with libFuzzer, ASan and
# UBSan. Usage: fuzz/run.sh [SECONDS] [TARGET...]
# Needs clang and libclang-rt (Debian: clang-14 libclang-rt-14-dev).
# Prints, per target: executions, coverage, corpus size. A crash input is
# copied into fuzz/corpus/<target>/ (so it becomes a regression test) and the
# script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
cc=${CC:-clang}
build=build-fuzz
CC=$cc cmake -S . -B "$build" -DQX_FUZZ=ON -DQX_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in fuzz/targets/fuzz_*.c; do n=$(basename "$t" .c); targets+=("${n#fuzz_}"); done
fi
status=0
printf '%-10s %12s %8s %8s %8s\n' target execs cov ft corpus
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  mkdir -p "$work/corpus" "$work/artifacts"
  [ -d "fuzz/corpus/$t" ] && cp -r "fuzz/corpus/$t/." "$work/corpus/"
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=(-dict="fuzz/dict/$t.dict")
  set +e
  # halt_on_error: a UBSan report is a failure, not a line in a log.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "${dict[@]}" "$work/corpus" >"$work/log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*' || echo 0)
  corp=$(ls "$work/corpus" | wc -l)
  printf '%-10s %12s %8s %8s %8s\n' "$t" "$execs" "$cov" "$ft" "$corp"
  if [ $rc -ne 0 ]; then
    status=1
    mkdir -p "fuzz/corpus/$t"
    for a in "$work"/artifacts/*; do
      [ -e "$a" ] || continue
      cp "$a" "fuzz/corpus/$t/$(basename "$a")"
      echo "  $t: failure input saved as fuzz/corpus/$t/$(basename "$a")"
    done
    tail -30 "$work/log" | sed 's/^/    /'
  fi
  rm -rf "$work"
done
exit $status
