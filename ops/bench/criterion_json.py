#!/usr/bin/env python3
"""Summarize criterion results (target/criterion/<group>/<bench>/new/estimates.json) as JSON.

Usage: criterion_json.py OUT.json GROUP [GROUP ...]
Writes {"cases": {"group/bench": {"median_ns": ..., "ci95_ns": [lo, hi]}}, "machine": ...}.
"""
import json
import os
import platform
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out, groups = argv[1], argv[2:]
    root = os.path.join("target", "criterion")
    cases = {}
    for group in groups:
        gdir = os.path.join(root, group)
        for bench in sorted(os.listdir(gdir)):
            est = os.path.join(gdir, bench, "new", "estimates.json")
            if not os.path.isfile(est):
                continue
            with open(est) as fh:
                median = json.load(fh)["median"]
            ci = median["confidence_interval"]
            cases[f"{group}/{bench}"] = {
                "median_ns": round(median["point_estimate"], 1),
                "ci95_ns": [round(ci["lower_bound"], 1), round(ci["upper_bound"], 1)],
            }
    if not cases:
        print(f"no criterion results for {groups} under {root}", file=sys.stderr)
        return 1
    doc = {"cases": cases, "machine": {"cpus": os.cpu_count(), "platform": platform.platform()}}
    with open(out, "w") as fh:
        fh.write(json.dumps(doc, indent=2) + "\n")
    print(json.dumps(doc, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
