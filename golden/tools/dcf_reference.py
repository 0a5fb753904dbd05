#!/usr/bin/env python3
"""Independent reference implementation of docs/dcf.md (golden-case generator).

Literal and slow on purpose: every month is built in a plain loop, in the order dcf.md describes.
Standard library only (Python 3.11).

Usage:
    dcf_reference.py INPUT.json [-o OUTPUT.json] [--ledger]

Prints the output JSON (dcf.md's snake_case field names, years[] for years 1..hold) to stdout,
or writes it to OUTPUT.json. --ledger adds a "ledger" key with every month (debugging only;
golden expected.json files never contain it).

Choices where dcf.md is silent or open to two readings (ARGUS Enterprise defaults where one
exists) are marked "CHOICE:" below and listed in golden/dcf/README.md.
"""

import json
import math
import sys

# ---------------------------------------------------------------- helpers


class DcfInputError(ValueError):
    """Bad input; the message names the offending field."""


def fail(field, why):
    raise DcfInputError(f"{field}: {why}")


def parse_month(text, field):
    """'YYYY-MM' -> (year, month)."""
    try:
        year_s, month_s = text.split("-")
        year, month = int(year_s), int(month_s)
    except (AttributeError, ValueError):
        fail(field, f"expected YYYY-MM, got {text!r}")
    if not 1 <= month <= 12:
        fail(field, f"month out of range in {text!r}")
    return year, month


def month_index(text, start, field):
    """Months from analysis_start (month 0) to `text`; negative before the start."""
    year, month = parse_month(text, field)
    return (year - start[0]) * 12 + (month - start[1])


def round_half_up(x):
    """dcf.md: round half up to whole months; a value within 1e-9 of .5 counts as .5."""
    whole = math.floor(x)
    frac = x - whole
    if frac >= 0.5 - 1e-9:
        return whole + 1
    return whole


def num(obj, key, default=0.0):
    """Optional numbers default to 0 (dcf.md)."""
    value = obj.get(key)
    return default if value is None else value


def check_rate(value, field):
    if not -1.0 < value < 1.0:
        fail(field, f"rate {value} outside (-1, 1)")


# ---------------------------------------------------------------- validation


def validate(inp):
    kind = inp.get("kind")
    if kind not in ("commercial", "multifamily"):
        fail("kind", "must be 'commercial' or 'multifamily'")
    hold = inp.get("hold_years")
    if not isinstance(hold, int) or not 1 <= hold <= 30:
        fail("hold_years", "must be a whole number 1..30")
    if num(inp, "purchase_price") <= 0:
        fail("purchase_price", "must be > 0")
    if num(inp, "exit_cap_rate") <= 0:
        fail("exit_cap_rate", "must be > 0")
    for key in ("discount_rate", "equity_discount_rate", "exit_cap_rate", "market_rent_growth",
                "expense_growth", "general_vacancy_pct", "closing_cost_pct", "selling_cost_pct",
                "management_fee_pct"):
        if inp.get(key) is not None:
            check_rate(inp[key], key)
    loan = inp.get("loan")
    if loan is not None:
        if loan.get("amount") is None and loan.get("ltv") is None:
            fail("loan", "needs amount or ltv")
        for key in ("rate", "fee_pct", "ltv"):
            if loan.get(key) is not None:
                check_rate(loan[key], f"loan.{key}")
        if num(loan, "amortization_years") <= 0:
            fail("loan.amortization_years", "must be > 0")
        if num(loan, "io_months") < 0:
            fail("loan.io_months", "must be >= 0")
    hazard = inp.get("hazard")
    if hazard is not None and not 0.0 <= num(hazard, "composite_score") <= 1.0:
        fail("hazard.composite_score", "must be in [0, 1]")
    if kind == "commercial":
        if num(inp, "building_area_sf") <= 0:
            fail("building_area_sf", "must be > 0")
        start = parse_month(inp["analysis_start"], "analysis_start")
        mlas = inp.get("market_leasing") or {}
        for name, mla in mlas.items():
            if num(mla, "term_years") <= 0:
                fail(f"market_leasing.{name}.term_years", "must be > 0")
        for i, lease in enumerate(inp.get("leases") or []):
            where = f"leases[{i}]"
            if num(lease, "area_sf") < 0:
                fail(f"{where}.area_sf", "negative area")
            if lease.get("mla") not in mlas:
                fail(f"{where}.mla", f"unknown market leasing assumption {lease.get('mla')!r}")
            if lease.get("vacant"):
                continue
            s = month_index(lease["start"], start, f"{where}.start")
            e = month_index(lease["end"], start, f"{where}.end")
            if e < s:
                fail(f"{where}.end", "lease end before start")
            if e < 0:
                fail(f"{where}.end", "lease ended before analysis_start")
            if lease.get("recovery", "gross") == "base_year" and lease.get("expense_stop_psf") is None:
                fail(f"{where}.expense_stop_psf", "required for a base_year lease")
            if lease.get("renewal_probability") is not None and not 0 <= lease["renewal_probability"] <= 1:
                fail(f"{where}.renewal_probability", "must be in [0, 1]")
    else:
        for i, unit in enumerate(inp.get("unit_mix") or []):
            if num(unit, "units") < 0:
                fail(f"unit_mix[{i}].units", "negative unit count")
        if num(inp.get("multifamily") or {}, "turnover_months", 12) <= 0:
            fail("multifamily.turnover_months", "must be > 0")


# ---------------------------------------------------------------- commercial leases


def recovery_for(kind, share_pool, stop_psf, area):
    """Recovery in one occupied month. share_pool = share x recoverable pool of that month."""
    if kind == "nnn":
        return share_pool
    if kind == "base_year":
        return max(0.0, share_pool - stop_psf * area / 12.0)
    return 0.0  # gross


def suite_schedule(lease, inp, start, M, pool, g_rent):
    """Base rent, recoveries, TI and LC of one suite, month by month, over M months."""
    base = [0.0] * M
    rec = [0.0] * M
    ti = [0.0] * M
    lc = [0.0] * M
    bldg = inp["building_area_sf"]
    area = lease["area_sf"]
    share = area / bldg
    mla = inp["market_leasing"][lease["mla"]]

    if lease.get("vacant"):
        # Vacant at analysis start: rolls "at once" with p = 0, i.e. as if a lease ended at month -1.
        end = -1
        p = 0.0
    else:
        s = month_index(lease["start"], start, "start")
        e = month_index(lease["end"], start, "end")
        rent_psf = lease["rent_psf"]
        esc = num(lease, "escalation_pct")
        free = num(lease, "free_rent_months")
        kind = lease.get("recovery", "gross")
        stop_psf = num(lease, "expense_stop_psf")
        # Months before analysis start are ignored, but escalation years and free-rent months
        # count from the lease's own start (which may be before month 0).
        for m in range(max(0, s), min(e, M - 1) + 1):
            since = m - s
            if since >= free:
                base[m] = rent_psf * area / 12.0 * (1.0 + esc) ** (since // 12)
            rec[m] = recovery_for(kind, share * pool[m], stop_psf, area)
        end = e
        # First rollover uses the lease's own renewal_probability, else the MLA's.
        p = lease.get("renewal_probability")
        if p is None:
            p = num(mla, "renewal_probability")

    # Speculative leases, one after another, until past the forward year.
    term = int(round(mla["term_years"] * 12))
    m_esc = num(mla, "escalation_pct")
    m_kind = mla.get("recovery", "gross")
    while end + 1 < M:
        downtime = round_half_up((1.0 - p) * num(mla, "downtime_months"))
        free = round_half_up(p * num(mla, "free_rent_renewal_months")
                             + (1.0 - p) * num(mla, "free_rent_new_months"))
        first = end + 1 + downtime  # starts the month after the downtime
        if first >= M:
            break
        rent0 = mla["market_rent_psf"] * (1.0 + g_rent) ** (first // 12)
        stop_psf = pool[first] * 12.0 / bldg if m_kind == "base_year" else 0.0
        scheduled = [rent0 * area / 12.0 * (1.0 + m_esc) ** (j // 12) for j in range(term)]
        ti[first] += (p * num(mla, "ti_renewal_psf") + (1.0 - p) * num(mla, "ti_new_psf")) * area
        lc[first] += (p * num(mla, "lc_renewal_pct") + (1.0 - p) * num(mla, "lc_new_pct")) * sum(scheduled)
        for j in range(term):
            m = first + j
            if m >= M:
                break
            if j >= free:
                base[m] = scheduled[j]
            rec[m] = recovery_for(m_kind, share * pool[m], stop_psf, area)
        end = first + term - 1
        p = num(mla, "renewal_probability")  # later rollovers use the MLA's probability
    return base, rec, ti, lc


# ---------------------------------------------------------------- operating statement


def hazard_terms(inp):
    """(annual hazard opex in year 0 dollars, exit cap add-on, discount rate add-on)."""
    hazard = inp.get("hazard")
    if hazard is None:
        return 0.0, 0.0, 0.0
    score = num(hazard, "composite_score")
    price = inp["purchase_price"]
    if score < 0.3:
        ins = price * 0.001
    elif score < 0.6:
        ins = price * 0.002
    else:
        ins = price * 0.004
    mitigation = price * score * 0.0015
    return ins + mitigation + num(hazard, "annual_cost"), score * 0.005, score * 0.01


def monthly_ledger(inp):
    hold = inp["hold_years"]
    M = 12 * (hold + 1)
    start = parse_month(inp["analysis_start"], "analysis_start")
    g_rent = num(inp, "market_rent_growth")
    g_exp = num(inp, "expense_growth")
    vac = num(inp, "general_vacancy_pct")
    expenses = inp.get("expenses") or []
    hazard_annual, _, _ = hazard_terms(inp)

    exp_f = [(1.0 + g_exp) ** (m // 12) for m in range(M)]
    rent_f = [(1.0 + g_rent) ** (m // 12) for m in range(M)]
    lines = [sum(x["annual"] / 12.0 * exp_f[m] for x in expenses) for m in range(M)]
    pool = [sum(x["annual"] / 12.0 * exp_f[m] for x in expenses if x.get("recoverable", False))
            for m in range(M)]

    base = [0.0] * M
    rec = [0.0] * M
    ti = [0.0] * M
    lc = [0.0] * M
    if inp["kind"] == "commercial":
        for lease in inp.get("leases") or []:
            b, r, t, c = suite_schedule(lease, inp, start, M, pool, g_rent)
            for m in range(M):
                base[m] += b[m]
                rec[m] += r[m]
                ti[m] += t[m]
                lc[m] += c[m]
    else:
        mf = inp.get("multifamily") or {}
        T = num(mf, "turnover_months", 12)
        for m in range(M):
            phi = min((m + 1) / T, 1.0)
            base[m] = sum(u["units"] * ((1.0 - phi) * u["current_rent"]
                                        + phi * u["market_rent"] * rent_f[m])
                          for u in inp.get("unit_mix") or [])

    ledger = []
    for m in range(M):
        other = num(inp, "other_income_annual") / 12.0 * rent_f[m]
        if inp["kind"] == "commercial":
            general_vacancy = vac * (base[m] + rec[m])
            egi = base[m] + rec[m] + other - general_vacancy
        else:
            mf = inp.get("multifamily") or {}
            loss = vac + num(mf, "concessions_pct") + num(mf, "bad_debt_pct")
            general_vacancy = base[m] * loss
            egi = base[m] * (1.0 - loss) + other
        hazard_opex = hazard_annual / 12.0 * exp_f[m]
        mgmt = num(inp, "management_fee_pct") * egi
        opex = lines[m] + hazard_opex + mgmt
        noi = egi - opex
        reserve = num(inp, "capital_reserve_annual") / 12.0 * exp_f[m]
        ledger.append({
            "month": m, "base_rent": base[m], "recoveries": rec[m], "other_income": other,
            "general_vacancy": general_vacancy, "egi": egi, "expense_lines": lines[m],
            "recoverable_pool": pool[m], "hazard_opex": hazard_opex, "management_fee": mgmt,
            "opex": opex, "noi": noi, "ti": ti[m], "lc": lc[m], "capital_reserve": reserve,
            "cfbds": noi - ti[m] - lc[m] - reserve,
        })
    return ledger


# ---------------------------------------------------------------- debt


def debt_schedule(loan, price, hold):
    """(L, debt service per hold month, balance after month 12*hold - 1)."""
    months = 12 * hold
    if loan is None:
        return 0.0, [0.0] * months, 0.0
    # CHOICE: `amount` wins when both amount and ltv are given ("L = amount, or ltv x price").
    L = loan["amount"] if loan.get("amount") is not None else loan["ltv"] * price
    i = num(loan, "rate") / 12.0
    n = int(round(loan["amortization_years"] * 12))
    io = num(loan, "io_months")
    P = L / n if i == 0 else L * i / (1.0 - (1.0 + i) ** (-n))
    balance = float(L)
    service = []
    for m in range(months):
        if balance <= 0.0:
            service.append(0.0)
        elif m < io:
            service.append(balance * i)
        else:
            after = balance * (1.0 + i) - P
            # CHOICE: "would fall to zero" is judged with a tolerance of 1e-9 x L, so that
            # floating-point dust after the n-th level payment (+/- 1e-8 dollars) neither leaves a
            # phantom payment in a later month nor skips the final one.
            if after <= 1e-9 * L:
                service.append(balance * (1.0 + i))
                balance = 0.0
            else:
                service.append(P)
                balance = after
    return L, service, balance


# ---------------------------------------------------------------- returns


def npv(rate, flows):
    return sum(cf / (1.0 + rate) ** k for k, cf in enumerate(flows))


def irr(flows):
    """(irr or None, flagged). Lowest root above -99%; flagged when > 1 sign change."""
    signs = [cf > 0 for cf in flows if cf != 0]
    changes = sum(1 for a, b in zip(signs, signs[1:]) if a != b)
    if changes == 0:
        return None, False
    # Scan upward from -99% for the first bracket, then bisect to full float precision.
    grid = [-0.99 + 0.001 * j for j in range(1, 1991)]  # -98.9% .. 100%
    r = 1.0
    while r < 1e6:
        r *= 1.05
        grid.append(r)
    prev_r, prev_v = grid[0], npv(grid[0], flows)
    if prev_v == 0.0:
        return prev_r, changes > 1
    for r in grid[1:]:
        v = npv(r, flows)
        if v == 0.0:
            return r, changes > 1
        if (v > 0) != (prev_v > 0):
            lo, hi, vlo = prev_r, r, prev_v
            for _ in range(400):
                mid = 0.5 * (lo + hi)
                if mid in (lo, hi):
                    break
                vm = npv(mid, flows)
                if vm == 0.0:
                    return mid, changes > 1
                if (vm > 0) == (vlo > 0):
                    lo, vlo = mid, vm
                else:
                    hi = mid
            return 0.5 * (lo + hi), changes > 1
        prev_r, prev_v = r, v
    return None, changes > 1


# ---------------------------------------------------------------- the model


def run(inp, with_ledger=False):
    validate(inp)
    hold = inp["hold_years"]
    price = inp["purchase_price"]
    ledger = monthly_ledger(inp)
    _, cap_add, rate_add = hazard_terms(inp)
    exit_cap = inp["exit_cap_rate"] + cap_add
    disc = inp["discount_rate"] + rate_add

    def year_sum(key, k):
        return sum(ledger[m][key] for m in range(12 * (k - 1), 12 * k))

    loan = inp.get("loan")
    L, service, balance = debt_schedule(loan, price, hold)

    years = []
    for k in range(1, hold + 1):
        years.append({
            "year": k,
            "base_rent": year_sum("base_rent", k),
            "recoveries": year_sum("recoveries", k),
            "other_income": year_sum("other_income", k),
            "egi": year_sum("egi", k),
            "opex": year_sum("opex", k),
            "noi": year_sum("noi", k),
            "ti": year_sum("ti", k),
            "lc": year_sum("lc", k),
            "capital_reserve": year_sum("capital_reserve", k),
            "cfbds": year_sum("cfbds", k),
            "debt_service": sum(service[12 * (k - 1):12 * k]),
        })
    noi1 = years[0]["noi"]
    forward_noi = year_sum("noi", hold + 1)
    gross_sale = forward_noi / exit_cap
    net_sale = gross_sale * (1.0 - num(inp, "selling_cost_pct"))

    acquisition = price * (1.0 + num(inp, "closing_cost_pct"))
    fee = num(loan, "fee_pct") * L if loan is not None else 0.0
    unlev = [-acquisition] + [y["cfbds"] for y in years]
    unlev[hold] += net_sale
    lev = [-(acquisition - L + fee)] + [y["cfbds"] - y["debt_service"] for y in years]
    lev[hold] += net_sale - balance
    equity = -lev[0]

    value = npv(disc, unlev)
    u_irr, _u_flag = irr(unlev)
    l_irr, _l_flag = irr(lev)
    # CHOICE: the multiple-sign-change flag is not part of expected.json (the shared
    # denver-office levered flows change sign three times and carry no flag key); it is
    # reported on stderr only.
    for name, flag in (("unlevered_irr", _u_flag), ("levered_irr", _l_flag)):
        if flag:
            print(f"note: {name}: more than one sign change; lowest root above -99% reported",
                  file=sys.stderr)

    out = {
        "noi_year1": noi1,
        "forward_noi": forward_noi,
        "exit_cap_rate": exit_cap,
        "discount_rate": disc,
        "gross_sale_price": gross_sale,
        "net_sale_proceeds": net_sale,
        "loan_amount": float(L),
        "loan_balance_at_sale": balance,
        "unlevered_cash_flows": unlev,
        "levered_cash_flows": lev,
        "npv": value,
        "dcf_value": value + acquisition,
        "unlevered_irr": u_irr,
        "levered_irr": l_irr,
        "equity_multiple": sum(lev[1:]) / equity,
        # CHOICE: literal dcf.md: levered CF1 is the year-1 element of levered_cash_flows,
        # which for hold_years = 1 includes the sale (net sale - loan balance).
        "cash_on_cash_year1": lev[1] / equity,
        "going_in_cap_rate": noi1 / price,
        "years": years,
    }
    if loan is not None:
        ratios = [y["noi"] / y["debt_service"] for y in years if y["debt_service"] > 0]
        out["dscr_min"] = min(ratios) if ratios else None
        out["dscr_avg"] = sum(ratios) / len(ratios) if ratios else None
        out["debt_yield"] = noi1 / L
        if inp.get("equity_discount_rate") is not None:
            # CHOICE: the equity discount rate is used as given (no hazard add-on): dcf.md adds
            # the hazard premium to "the discount rate" only; austin-multifamily confirms.
            out["levered_npv"] = npv(inp["equity_discount_rate"], lev)
    if with_ledger:
        out["ledger"] = ledger
    return out


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--") and a != "-o"]
    out_path = None
    if "-o" in argv:
        out_path = argv[argv.index("-o") + 1]
        args = [a for a in args if a != out_path]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0]) as fh:
        inp = json.load(fh)
    try:
        out = run(inp, with_ledger="--ledger" in argv)
    except DcfInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    text = json.dumps(out, indent=2) + "\n"
    if out_path:
        with open(out_path, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
