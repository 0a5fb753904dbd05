#!/usr/bin/env python3
"""Check dcf_reference.py against golden cases: same keys, every number within tolerance.

Usage:
    check_reference.py [--rel 1e-9] [--abs 1e-9] [CASE_DIR_OR_PARENT ...]

Each argument is a case folder (holding input.json and expected.json) or a folder of such
folders; default: the golden/dcf folder beside this tool (shared reference cases and ours).
A number matches when |got - want| <= rel * max(|got|, |want|) or |got - want| <= abs
(the absolute floor only matters for values that are themselves near zero, e.g. an NPV
that is a difference of two equal 2e7 sums). Prints each mismatch; exits 1 if any.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dcf_reference  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIRS = [os.path.join(HERE, "..", "dcf")]


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def compare(got, want, path, rel, abs_tol, out):
    """Append 'path: message' for every difference between got and want."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            out.append(f"{path}: expected object, got {type(got).__name__}")
            return
        for key in want.keys() - got.keys():
            out.append(f"{path}.{key}: missing")
        for key in got.keys() - want.keys():
            out.append(f"{path}.{key}: unexpected key")
        for key in want.keys() & got.keys():
            compare(got[key], want[key], f"{path}.{key}", rel, abs_tol, out)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            out.append(f"{path}: expected list of {len(want)}, got {got!r:.80}")
            return
        for i, (g, w) in enumerate(zip(got, want)):
            compare(g, w, f"{path}[{i}]", rel, abs_tol, out)
    elif is_num(want):
        if not is_num(got):
            out.append(f"{path}: expected {want!r}, got {got!r}")
            return
        diff = abs(got - want)
        if diff > rel * max(abs(got), abs(want)) and diff > abs_tol:
            scale = max(abs(got), abs(want))
            out.append(f"{path}: got {got!r} want {want!r} (rel {diff / scale:.3e})")
    elif got != want:
        out.append(f"{path}: got {got!r} want {want!r}")


def case_dirs(paths):
    for p in paths:
        if os.path.isfile(os.path.join(p, "input.json")):
            yield p
        elif os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                sub = os.path.join(p, name)
                if os.path.isfile(os.path.join(sub, "input.json")):
                    yield sub


def main(argv):
    rel, abs_tol, paths = 1e-9, 1e-9, []
    i = 1
    while i < len(argv):
        if argv[i] == "--rel":
            rel = float(argv[i + 1])
            i += 2
        elif argv[i] == "--abs":
            abs_tol = float(argv[i + 1])
            i += 2
        else:
            paths.append(argv[i])
            i += 1
    failed = 0
    for case in case_dirs(paths or DEFAULT_DIRS):
        expected_path = os.path.join(case, "expected.json")
        if not os.path.isfile(expected_path):
            print(f"SKIP {case}: no expected.json")
            continue
        with open(os.path.join(case, "input.json")) as fh:
            inp = json.load(fh)
        with open(expected_path) as fh:
            want = json.load(fh)
        problems = []
        compare(dcf_reference.run(inp), want, "$", rel, abs_tol, problems)
        print(f"{'ok  ' if not problems else 'FAIL'} {os.path.normpath(case)}")
        for line in problems:
            print(f"     {line}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
