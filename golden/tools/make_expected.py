#!/usr/bin/env python3
"""Write expected.json for the project's own golden DCF cases with dcf_reference.py.

Usage:
    make_expected.py [CASE_DIR ...]

Default: every folder under golden/dcf that holds an input.json, except the four shared cases
of the project's reference set, whose expected.json came from an independent implementation
and must never be regenerated here. Expected files are written by this script only, never by hand.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dcf_reference  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.normpath(os.path.join(HERE, "..", "dcf"))
SHARED_CASES = {"gordon-growth", "mortgage-only", "austin-multifamily", "denver-office"}


def main(argv):
    if len(argv) > 1:
        cases = argv[1:]
    else:
        cases = [os.path.join(GOLDEN, name) for name in sorted(os.listdir(GOLDEN))
                 if os.path.isfile(os.path.join(GOLDEN, name, "input.json"))]
    for case in cases:
        name = os.path.basename(os.path.normpath(case))
        if name in SHARED_CASES:
            print(f"skip {name} (shared case: its expected.json is authoritative)")
            continue
        with open(os.path.join(case, "input.json")) as fh:
            inp = json.load(fh)
        out = dcf_reference.run(inp)
        with open(os.path.join(case, "expected.json"), "w") as fh:
            fh.write(json.dumps(out, indent=2) + "\n")
        print(f"wrote {name}/expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
