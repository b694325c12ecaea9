#!/usr/bin/env bash
# Installs the npm packages the GGUF oracle tests, the perplexity evaluator
# and the benchmarks use (GGUF.md §7.1) into PREFIX (default: build/npm).
# Nothing of it is committed; tests skip cleanly when it is absent.
# The skip variable stops node-llama-cpp's postinstall from downloading or
# compiling llama.cpp: the prebuilt CPU libraries come from
# @node-llama-cpp/linux-x64. Versions are pinned because the oracle test
# declares ggml's struct layouts by hand.
set -euo pipefail
prefix=${1:-build/npm}
if ! command -v npm >/dev/null 2>&1; then
    echo "install-oracles: npm not found; the GGUF oracle tests will be skipped" >&2
    exit 0
fi
mkdir -p "$prefix"
NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --prefix "$prefix" --omit=optional \
    --no-audit --no-fund --loglevel=error \
    node-llama-cpp@3.22.1 @node-llama-cpp/linux-x64@3.22.1 @huggingface/gguf@0.4.6
lib="$prefix/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libggml-base.so"
if [ ! -f "$lib" ]; then
    echo "install-oracles: '$lib' missing after install" >&2
    exit 1
fi
echo "install-oracles: installed into '$prefix'"
