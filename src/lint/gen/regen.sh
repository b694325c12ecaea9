#!/bin/sh
# Regenerates the committed data tables of the lint module. Needs the Debian
# packages opencc, libopencc-data and libunistring-dev. Run from the repo root.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -o "$tmp/gen_emoji" src/lint/gen/gen_emoji.c -lunistring
"$tmp/gen_emoji" > src/lint/emoji_table.h
python3 src/lint/gen/gen_t2s.py > src/lint/t2s_table.h
