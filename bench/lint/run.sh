#!/bin/sh
# Lint benchmark (not a test): builds bench/lint/bench_lint.c against the
# qxcore library of a build tree, lints a generated Chinese corpus at 1x, 4x
# and 16x BASE_MB (default 4: 4, 16 and 64 MB) with every rule on, and prints
# MB/s beside a UTF-8 validation pass over the same bytes. Then, on the 16x
# corpus written as ~1 MB files, times `qexplain lint` against AutoCorrect's
# `autocorrect --lint` when the npm package autocorrect-node is available
# (on PATH, or installed into a temporary directory with --install-autocorrect).
#
# usage: bench/lint/run.sh [BUILD_DIR] [BASE_MB] [--install-autocorrect]
# Run from the repository root after building (cmake --build BUILD_DIR).
set -eu
build=build
base=4
install=0
for a in "$@"; do
    case "$a" in
    --install-autocorrect) install=1 ;;
    [0-9]*) base=$a ;;
    *) build=$a ;;
    esac
done
[ -f "$build/libqxcore.a" ] || { echo "run.sh: no $build/libqxcore.a; build first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude bench/lint/bench_lint.c "$build/libqxcore.a" \
    $(pkg-config --libs libpcre2-8 libcjson yaml-0.1 nettle) -lunistring -lm -lpthread -o "$tmp/bench_lint"
mkdir "$tmp/corpus"
echo "== qexplain lint, every rule on (profile: skills/wechat.md with all rules switched on)"
"$tmp/bench_lint" facts skills/wechat.md "$base" --write "$tmp/corpus"

ac=$(command -v autocorrect || true)
if [ -z "$ac" ] && [ "$install" = 1 ]; then
    npm install --silent --prefix "$tmp/ac" autocorrect-node >/dev/null 2>&1 && ac="$tmp/ac/node_modules/.bin/autocorrect"
fi
mb=$(du -sm "$tmp/corpus" | cut -f1)
t0=$(date +%s.%N)
"$build/qexplain" lint --facts facts --skill wechat "$tmp"/corpus/*.txt > /dev/null || true
t1=$(date +%s.%N)
echo "== the 16x corpus as files ($mb MB): wall-clock, including start-up and output"
awk -v a="$t0" -v b="$t1" -v mb="$mb" 'BEGIN { printf "qexplain lint --skill wechat: %.2f s, %.1f MB/s\n", b - a, mb / (b - a) }'
if [ -n "$ac" ]; then
    t0=$(date +%s.%N)
    (cd "$tmp/corpus" && "$ac" --lint . > /dev/null 2>&1) || true
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -v mb="$mb" 'BEGIN { printf "autocorrect --lint:           %.2f s, %.1f MB/s\n", b - a, mb / (b - a) }'
else
    echo "autocorrect: not found (npm package autocorrect-node; pass --install-autocorrect)"
fi
