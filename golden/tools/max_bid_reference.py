#!/usr/bin/env python3
"""Independent reference for docs/deal-sizing.md: loan constant, sized loan, maximum bid.

Standard library only (Python 3.11). Every price is evaluated by full runs of the reference DCF
(golden/tools/dcf_reference.py, `run`), written without looking at the Rust engine. The root is
refined by plain bisection on "every target holds" (not Brent) to 1e-13 relative, so that the
answer is reached by a different path from the engine's.

Usage:
    max_bid_reference.py INPUT.json TARGETS.json [PROGRAM.json]
    max_bid_reference.py INPUT.json --size-loan PRICE PROGRAM.json

Prints the result JSON; on a verdict (or a refused targets/program file) prints
{"error": CODE, "message": ...} and exits 1. Codes: MAX_BID_NO_INCOME, MAX_BID_UNBOUNDED,
MAX_BID_INFEASIBLE, MAX_BID_NON_MONOTONE, and INVALID_INPUT for a refused input/targets/program.

Choices where docs/deal-sizing.md is silent are marked "CHOICE:" and listed in
golden/max-bid/README.md.
"""

import contextlib
import copy
import io
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dcf_reference  # noqa: E402

TARGET_KEYS = ("levered_irr", "unlevered_irr", "equity_multiple", "max_equity")
PROGRAM_KEYS = ("max_ltv", "min_dscr", "min_debt_yield", "rate", "amortization_years",
                "io_months", "fee_pct", "term_years", "lender", "notes")
CONSTRAINTS = ("LTV", "DSCR", "DEBT_YIELD")  # tie order
SCAN_POINTS = 33
SCAN_SPAN = 100.0  # P_lo = P_hi / 100 (a 100% going-in cap rate)
CAP_BOUND = 0.01  # P_hi: going-in cap rate of 1%
BISECT_REL = 1e-13


class MaxBidError(Exception):
    """A verdict of the maximum-bid search; `code` is one of the MAX_BID_* codes."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class InputError(ValueError):
    """A refused targets/program file (or DCF input); the message names the field."""

    code = "INVALID_INPUT"


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


# ---------------------------------------------------------------- validation


def check_program(program):
    if not isinstance(program, dict):
        raise InputError("program: expected an object")
    for key in program:
        if key not in PROGRAM_KEYS:
            raise InputError(f"program.{key}: unknown field")
    if all(program.get(k) is None for k in ("max_ltv", "min_dscr", "min_debt_yield")):
        raise InputError("program: needs at least one of max_ltv, min_dscr, min_debt_yield")

    def number(key):
        value = program.get(key)
        if value is not None and not is_num(value):
            raise InputError(f"program.{key}: expected a number")
        return value

    v = number("max_ltv")
    if v is not None and not 0.0 < v <= 1.0:
        raise InputError("program.max_ltv: must be in (0, 1]")
    for key in ("min_dscr", "min_debt_yield"):
        v = number(key)
        if v is not None and not v > 0.0:
            raise InputError(f"program.{key}: must be > 0")
    v = number("rate")
    if v is None:
        raise InputError("program.rate: required")
    if not 0.0 <= v < 1.0:
        raise InputError("program.rate: must be in [0, 1)")
    v = number("amortization_years")
    if v is not None and v < 0.0:
        raise InputError("program.amortization_years: must be >= 0")
    v = number("io_months")
    if v is not None and (v < 0 or v != int(v)):
        raise InputError("program.io_months: must be a whole number >= 0")
    v = number("fee_pct")
    if v is not None and not 0.0 <= v < 1.0:
        raise InputError("program.fee_pct: must be in [0, 1)")
    number("term_years")
    # CHOICE: an interest-only program at 0% whose only test is a DSCR has no finite limit at
    # all (the DSCR limit with c = 0 never binds): refused like a program without constraints.
    if (program.get("max_ltv") is None and program.get("min_debt_yield") is None
            and loan_constant(program) == 0.0):
        raise InputError("program: interest-only at 0% with only min_dscr lends without bound")


def check_targets(targets):
    if not isinstance(targets, dict):
        raise InputError("targets: expected an object")
    for key in targets:
        if key not in TARGET_KEYS:
            raise InputError(f"targets.{key}: unknown field")
    present = [k for k in TARGET_KEYS if targets.get(k) is not None]
    if not present:
        raise InputError("targets: needs at least one of " + ", ".join(TARGET_KEYS))
    for key in present:
        if not is_num(targets[key]):
            raise InputError(f"targets.{key}: expected a number")
    return present


# ---------------------------------------------------------------- loan sizing


def is_interest_only(program):
    amort = program.get("amortization_years")
    return amort is None or amort == 0


def loan_constant(program):
    """Annual loan constant: 12 x the engine's level monthly payment per dollar; rate if IO."""
    rate = program["rate"]
    if is_interest_only(program):
        return float(rate)
    i = rate / 12.0
    n = int(round(program["amortization_years"] * 12))
    payment = 1.0 / n if i == 0 else i / (1.0 - (1.0 + i) ** (-n))
    return 12.0 * payment


def sizing_limits(noi1, price, program):
    """(amount, binding, limits) from year-1 NOI and the price (docs/deal-sizing.md)."""
    c = loan_constant(program)
    limits = {}
    if program.get("max_ltv") is not None:
        limits["LTV"] = program["max_ltv"] * price
    if program.get("min_dscr") is not None and c > 0.0:
        limits["DSCR"] = noi1 / (program["min_dscr"] * c)
    if program.get("min_debt_yield") is not None:
        limits["DEBT_YIELD"] = noi1 / program["min_debt_yield"]
    binding = None
    for name in CONSTRAINTS:  # strict < keeps the first on an exact tie
        if name in limits and (binding is None or limits[name] < limits[binding]):
            binding = name
    amount = limits[binding]
    if not amount > 0.0:
        # No loan can be made; the binding constraint is still reported. CHOICE: the report
        # then gives ltv 0 and null dscr_year1 / debt_yield, and equity = P x (1 + closing).
        amount = 0.0
    return amount, binding, limits


def engine_loan(program, amount, hold_years):
    """The loan object the DCF runs with, or None when the amount is not positive."""
    if not amount > 0.0:
        return None
    if is_interest_only(program):
        # Interest-only for the whole hold: any positive amortization; balance at sale = L.
        amort, io_months = 30, 12 * hold_years
    else:
        amort, io_months = program["amortization_years"], int(program.get("io_months") or 0)
    return {"amount": amount, "rate": program["rate"], "amortization_years": amort,
            "io_months": io_months, "fee_pct": program.get("fee_pct") or 0.0}


def run_dcf(inp, price, loan):
    """dcf_reference.run at `price` with `loan` (None: no loan key). Its stderr notes are muted."""
    case = copy.deepcopy(inp)
    case["purchase_price"] = price
    case.pop("loan", None)
    if loan is not None:
        case["loan"] = loan
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            return dcf_reference.run(case)
        except dcf_reference.DcfInputError as err:
            raise InputError(str(err)) from None


class Evaluator:
    """Evaluates a price: sized loan, engine runs, metrics. Counts engine runs."""

    def __init__(self, inp, program):
        self.inp = inp
        self.program = program
        self.runs = 0

    def unlevered(self, price):
        self.runs += 1
        return run_dcf(self.inp, price, None)

    def at(self, price):
        """{price, noi1, sizing, dcf, equity, metrics...} at `price`."""
        base = self.unlevered(price)
        noi1 = base["noi_year1"]
        program = self.program
        if program is None:
            amount, binding, limits, fee_pct = 0.0, None, None, 0.0
            dcf = base
        else:
            amount, binding, limits = sizing_limits(noi1, price, program)
            fee_pct = program.get("fee_pct") or 0.0
            loan = engine_loan(program, amount, self.inp["hold_years"])
            if loan is None:
                dcf = base
            else:
                self.runs += 1
                dcf = run_dcf(self.inp, price, loan)
        equity = price * (1.0 + (self.inp.get("closing_cost_pct") or 0.0)) - amount + fee_pct * amount
        sizing = None
        if program is not None:
            service = dcf["years"][0]["debt_service"] if amount > 0.0 else 0.0
            sizing = {
                "amount": amount,
                "binding": binding,
                "limits": limits,
                "ltv": amount / price,
                "dscr_year1": noi1 / service if service > 0.0 else None,
                "debt_yield": noi1 / amount if amount > 0.0 else None,
                "loan_constant": loan_constant(program),
                "noi_year1": noi1,
            }
        # CHOICE: dcf.md makes the equity multiple null when equity is not an outlay (it then
        # fails its target); dcf_reference's own number is left as is inside "dcf".
        multiple = dcf["equity_multiple"] if equity > 0.0 else None
        return {
            "price": price, "noi_year1": noi1, "sizing": sizing, "dcf": dcf, "equity": equity,
            "loan_amount": amount, "loan_binding": binding,
            "levered_irr": dcf["levered_irr"], "unlevered_irr": dcf["unlevered_irr"],
            "equity_multiple": multiple, "going_in_cap_rate": dcf["going_in_cap_rate"],
        }


def size_loan(inp, price, program):
    """Sized loan at `price` under `program` (docs/deal-sizing.md, "Loan constant and sized loan")."""
    check_program(program)
    ev = Evaluator(inp, program).at(price)
    return ev["sizing"]


# ---------------------------------------------------------------- maximum bid


def margin(ev, key, targets):
    """metric - target (max_equity - equity); None when the engine gives no metric (fails)."""
    if key == "max_equity":
        return targets[key] - ev["equity"]
    value = ev[key]
    return None if value is None else value - targets[key]


def holds(ev, key, targets):
    # CHOICE: a target holds when its metric exists and its margin is >= 0; the scan's "sign
    # changes" are changes between holding and failing.
    m = margin(ev, key, targets)
    return m is not None and m >= 0.0


def affine_bound(ev1, ev2, key):
    """P where the NOI `key` (affine in P: a - b P) is 1% of P; None when a <= 0."""
    p1, p2 = ev1["price"], ev2["price"]
    n1, n2 = ev1[key], ev2[key]
    b = (n1 - n2) / (p2 - p1)
    a = n1 + b * p1
    # CHOICE: "NOI not positive" is read as the intercept a (NOI as P -> 0) not positive: then
    # no price has a positive NOI, and a / (0.01 + b) is not a positive bound.
    if not a > 0.0:
        return None
    return a / (CAP_BOUND + b)


def max_bid(inp, targets, program=None):
    present = check_targets(targets)
    if program is not None:
        check_program(program)
    inp = copy.deepcopy(inp)
    inp.pop("loan", None)  # the input's own loan is ignored either way
    ev = Evaluator(inp, program)

    # 1. Sanity bound from two engine runs (hazard line).
    # CHOICE: the two prices are the input's purchase_price and twice it (any two give the same
    # line up to rounding).
    p1 = float(inp["purchase_price"])
    r1, r2 = ev.unlevered(p1), ev.unlevered(2.0 * p1)
    line1 = {"price": p1, "noi_year1": r1["noi_year1"], "forward_noi": r1["forward_noi"]}
    line2 = {"price": 2.0 * p1, "noi_year1": r2["noi_year1"], "forward_noi": r2["forward_noi"]}
    p_hi = affine_bound(line1, line2, "noi_year1")
    bound_from = "noi_year1"
    if p_hi is None:
        p_hi = affine_bound(line1, line2, "forward_noi")
        bound_from = "forward_noi"
    if p_hi is None:
        raise MaxBidError("MAX_BID_NO_INCOME",
                          "neither year-1 nor forward NOI is positive at any price")
    p_lo = p_hi / SCAN_SPAN

    # 2. Scan: 33 prices evenly spaced in log between P_lo and P_hi.
    step = math.log(p_hi / p_lo) / (SCAN_POINTS - 1)
    prices = [p_lo * math.exp(k * step) for k in range(SCAN_POINTS)]
    prices[0], prices[-1] = p_lo, p_hi
    scan = [ev.at(p) for p in prices]
    # Prices at which the loan covers the whole cost (equity <= 0) are outside the question:
    # they leave the scan (equity rises with the price, so they are its low end).
    keep = [k for k, e in enumerate(scan) if e["equity"] > 0.0]
    prices = [prices[k] for k in keep]
    scan = [scan[k] for k in keep]
    if not scan:
        raise MaxBidError("MAX_BID_INFEASIBLE",
                          "the loan covers the whole cost at every scanned price: no equity to earn a return on")
    p_lo = prices[0]
    ok = {key: [holds(e, key, targets) for e in scan] for key in present}

    # 3. Verdicts. CHOICE: checked in the order the doc lists them (unbounded, infeasible,
    # non-monotone); on a tie between boundaries the first of TARGET_KEYS binds.
    if all(ok[key][-1] for key in present):
        raise MaxBidError("MAX_BID_UNBOUNDED",
                          f"every target holds at the 1% cap-rate bound P_hi = {p_hi!r}")
    failing = [key for key in present if not ok[key][0]]
    if failing:
        raise MaxBidError("MAX_BID_INFEASIBLE",
                          f"{failing[0]} fails at P_lo = {p_lo!r}: no price meets the targets")
    for key in present:
        changes = sum(1 for a, b in zip(ok[key], ok[key][1:]) if a != b)
        if changes > 1:
            raise MaxBidError("MAX_BID_NON_MONOTONE",
                              f"{key}: feasible prices are not one interval "
                              f"({changes} sign changes on the scan)")

    # 4. Root: per failing target, bisect its bracket; keep the feasible end.
    best = None
    for key in present:
        if all(ok[key]):
            continue
        j = ok[key].index(False) - 1  # last scanned price where it holds
        lo, hi, ev_lo = prices[j], prices[j + 1], scan[j]
        while hi - lo > BISECT_REL * hi:
            mid = 0.5 * (lo + hi)
            if mid <= lo or mid >= hi:
                break
            e = ev.at(mid)
            if holds(e, key, targets):
                lo, ev_lo = mid, e
            else:
                hi = mid
        if best is None or lo < best[0]:  # strict: the first target wins an exact tie
            best = (lo, key, ev_lo, hi)
    price, binding_target, at, hi = best

    # 5. Check: the binding margin must be ~0 at the answer (else it jumps at the boundary).
    m = margin(at, binding_target, targets)
    t = targets[binding_target]
    tol = 1e-6 if binding_target in ("levered_irr", "unlevered_irr") else 1e-6 * abs(t)
    if binding_target not in ("levered_irr", "unlevered_irr") and t == 0:
        tol = 1e-6  # CHOICE: relative tolerance of a zero target taken as absolute 1e-6
    if m is None or abs(m) > tol:
        raise MaxBidError("MAX_BID_NON_MONOTONE",
                          f"{binding_target}: margin {m!r} does not reach zero at the boundary "
                          f"{price!r} (it jumps)")

    return {
        "max_price": price,
        "binding_target": binding_target,
        "loan_amount": at["loan_amount"],
        "loan_binding": at["loan_binding"],
        "levered_irr": at["levered_irr"],
        "unlevered_irr": at["unlevered_irr"],
        "equity_multiple": at["equity_multiple"],
        "going_in_cap_rate": at["going_in_cap_rate"],
        "equity": at["equity"],
        "noi_year1": at["noi_year1"],
        "margins": {key: margin(at, key, targets) for key in present},
        "sizing": at["sizing"],
        "search": {"p_hi": p_hi, "p_lo": p_lo, "bound_from": bound_from,
                   "bracket_hi": hi},
        "engine_runs": ev.runs,
        "dcf": at["dcf"],
    }


# ---------------------------------------------------------------- CLI


def load(path):
    with open(path) as fh:
        return json.load(fh)


def main(argv):
    args = argv[1:]
    try:
        if len(args) == 4 and args[1] == "--size-loan":
            out = size_loan(load(args[0]), float(args[2]), load(args[3]))
        elif len(args) in (2, 3):
            program = load(args[2]) if len(args) == 3 else None
            out = max_bid(load(args[0]), load(args[1]), program)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (MaxBidError, InputError) as err:
        message = err.message if isinstance(err, MaxBidError) else str(err)
        print(json.dumps({"error": err.code, "message": message}, indent=2))
        return 1
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
