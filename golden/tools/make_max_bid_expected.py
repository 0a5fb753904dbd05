#!/usr/bin/env python3
"""Write expected.json for every golden maximum-bid case with max_bid_reference.py, and self-check it.

Usage:
    make_max_bid_expected.py [--no-check] [CASE_DIR ...]

Default: every folder under golden/max-bid holding input.json and targets.json (program.json is
optional: without it the bid is unlevered). A verdict is written as {"error": "CODE"}. Expected
files are written by this script only, never by hand.

expected.json is the reference result without the search-path keys (`engine_runs`, `search`,
`margins`), which depend on the root finder and are not part of the contract.

Unless --no-check: at max_price the binding margin must be within 1e-9 of zero (absolute for an
IRR, relative to the target for the multiple and equity), every target must hold there, and at
max_price x (1 + 1e-6) some target must fail. A failed check stops the script with exit 1.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import max_bid_reference as mb  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.normpath(os.path.join(HERE, "..", "max-bid"))
NOT_EXPECTED = ("engine_runs", "search", "margins")


def load(path):
    with open(path) as fh:
        return json.load(fh)


def self_check(inp, targets, program, out):
    """Problems with `out` as a boundary (empty list when it is one)."""
    problems = []
    price, key = out["max_price"], out["binding_target"]
    inp = dict(inp)
    inp.pop("loan", None)
    ev = mb.Evaluator(inp, program)
    at = ev.at(price)
    present = [k for k in mb.TARGET_KEYS if targets.get(k) is not None]
    for k in present:
        if not mb.holds(at, k, targets):
            problems.append(f"{k} fails at max_price")
    m = mb.margin(at, key, targets)
    tol = 1e-9 if key in ("levered_irr", "unlevered_irr") else 1e-9 * abs(targets[key])
    if m is None or abs(m) > tol:
        problems.append(f"binding {key} margin {m!r} exceeds {tol:g}")
    above = ev.at(price * (1.0 + 1e-6))
    if all(mb.holds(above, k, targets) for k in present):
        problems.append("every target still holds at max_price x (1 + 1e-6)")
    return problems


def main(argv):
    check = "--no-check" not in argv
    cases = [a for a in argv[1:] if a != "--no-check"]
    if not cases:
        cases = [os.path.join(GOLDEN, name) for name in sorted(os.listdir(GOLDEN))
                 if os.path.isfile(os.path.join(GOLDEN, name, "input.json"))]
    status = 0
    for case in cases:
        name = os.path.basename(os.path.normpath(case))
        inp = load(os.path.join(case, "input.json"))
        targets = load(os.path.join(case, "targets.json"))
        program_path = os.path.join(case, "program.json")
        program = load(program_path) if os.path.isfile(program_path) else None
        started = time.perf_counter()
        try:
            out = mb.max_bid(inp, targets, program)
        except mb.MaxBidError as err:
            expected = {"error": err.code}
            summary = err.code
        else:
            expected = {k: v for k, v in out.items() if k not in NOT_EXPECTED}
            summary = (f"max_price {out['max_price']:.6f}  binding {out['binding_target']}"
                       f"  loan {out['loan_binding']}  ({out['engine_runs']} engine runs)")
            if check:
                problems = self_check(inp, targets, program, out)
                if problems:
                    status = 1
                    summary += "  CHECK FAILED: " + "; ".join(problems)
                else:
                    summary += "  check ok"
        with open(os.path.join(case, "expected.json"), "w") as fh:
            fh.write(json.dumps(expected, indent=2) + "\n")
        print(f"{name}: {summary}  [{time.perf_counter() - started:.1f}s]")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
