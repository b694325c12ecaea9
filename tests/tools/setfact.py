#!/usr/bin/env python3
"""setfact.py DIR FACT_ID KEY VALUE: set one value of one fact in a copy of a
fact base (tests use it to change exactly one figure)."""
import glob
import json
import sys

d, fid, key, value = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
for path in sorted(glob.glob(d + "/*.json")):
    data = json.load(open(path, encoding="utf-8"))
    if not isinstance(data, list):
        continue
    for f in data:
        if f.get("id") == fid:
            for v in f["values"]:
                if v["key"] == key:
                    v["value"] = value
                    json.dump(data, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
                    sys.exit(0)
sys.exit(f"setfact: {fid}.{key} not found")
