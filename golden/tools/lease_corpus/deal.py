"""The economic facts of one lease (a "deal"), drawn from a seeded RNG, and its exact truth.

Templates only *describe* a deal; every truth value is computed here, with the derivation rules of
golden/lease/README.md (first-year contractual rent before abatement, expiration = commencement +
term - 1 day, steps compounded from the previous rounded figure, ...), and asserted.
"""

import datetime as dt
from decimal import Decimal

from . import names as N
from .words import D, add_months, period_end, q2

FIELDS = ["landlord", "tenant", "premises_address", "suite", "area_sf", "commencement",
          "expiration", "term_months", "monthly_base_rent", "annual_base_rent", "rent_psf_annual",
          "escalation_pct", "free_rent_months", "recovery", "expense_stop_psf",
          "security_deposit", "late_fee", "renewal_option_count", "renewal_term_months",
          "ti_allowance_psf"]


class Obj:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def _company(rng, landlord):
    desc, sufs = rng.choice(N.ENTITY_DESCS[:10] if landlord else N.ENTITY_DESCS)
    if landlord:
        stem = N.place(rng)
        r = rng.random()
        if r < 0.15:
            name = f"{rng.randint(100, 9900)} {rng.choice(N.STREET_NAMES)} Owner, {sufs[0]}"
        else:
            suffix = rng.choice([s for s in N.LANDLORD_SUFFIXES
                                 if any(s.endswith(x) for x in sufs)] or [f"Properties {sufs[0]}"])
            name = f"{stem} {suffix}"
    else:
        if rng.random() < 0.08:
            name = rng.choice(N.LAW_FIRM_STEMS) + ", P.C."
            desc = rng.choice(["a Colorado professional corporation",
                               "a Texas professional corporation",
                               "an Illinois professional corporation"])
        else:
            stem = rng.choice(N.TENANT_STEMS)
            suf = rng.choice(sufs)
            name = f"{stem}, {suf}" if suf in ("Inc.", "PLLC", "P.C.", "P.A.", "L.P.", "Ltd.",
                                                "L.L.C.") and rng.random() < 0.7 else f"{stem} {suf}"
    if rng.random() < 0.45:
        name = name.upper()
    return name, desc


def _address(rng, state_style=None):
    city, state, abbr, zp = rng.choice(N.CITIES)
    st = state_style or rng.choice(["full", "full", "abbr"])
    return Obj(number=str(rng.randint(100, 9950)), street=rng.choice(N.STREET_NAMES), city=city,
               state=state if st == "full" else abbr, state_full=state, abbr=abbr,
               zip=N.zip_code(rng, zp))


def addr_line(a):
    return f"{a.number} {a.street}, {a.city}, {a.state} {a.zip}"


PROFILES = {
    # kind: (area range, psf range (cents), terms, suite style, recovery weights)
    "office": ((1200, 48000), (1800, 4800), [36, 39, 48, 60, 62, 63, 65, 66, 72, 84, 96, 120],
               "office", {"nnn": 1, "gross": 2, "modified_gross": 1, "base_year": 4}),
    "retail": ((1200, 14000), (1500, 4200), [60, 66, 84, 120, 61, 63],
               "retail", {"nnn": 6, "gross": 1, "modified_gross": 1, "base_year": 0}),
    "industrial": ((6000, 150000), (550, 1450), [36, 39, 60, 62, 63, 84, 120],
                   "industrial", {"nnn": 6, "gross": 1, "modified_gross": 2, "base_year": 0}),
    "medical": ((1500, 12000), (2200, 3900), [60, 63, 84, 120, 66],
                "medical", {"nnn": 2, "gross": 1, "modified_gross": 3, "base_year": 3}),
    "flex": ((1500, 20000), (900, 2400), [36, 38, 48, 60, 37, 24],
             "flex", {"nnn": 2, "gross": 3, "modified_gross": 3, "base_year": 0}),
}


def _weighted(rng, w):
    keys = [k for k in w if w[k]]
    return rng.choices(keys, [w[k] for k in keys])[0]


def _suite(rng, style):
    if style == "office":
        fl = rng.randint(2, 28)
        return str(fl * 100 + rng.choice([0, 0, 10, 25, 50])), fl
    if style == "retail":
        return rng.choice([f"{rng.choice('ABCD')}-{rng.randint(1, 30)}", str(rng.randint(101, 140)),
                           f"{rng.randint(100, 130)}{rng.choice('AB')}"]), 1
    if style == "industrial":
        return rng.choice([rng.choice("ABCDEFG"), str(rng.randint(100, 180)),
                           f"{rng.randint(1, 9)}{rng.choice(['00', '10', '20'])}"]), 1
    if style == "medical":
        fl = rng.randint(1, 6)
        return str(fl * 100 + rng.randint(0, 40)), fl
    return rng.choice([f"{rng.randint(100, 199)}", rng.choice("ABCDEF"),
                       f"{rng.randint(1, 12)}"]), 1


def commercial(rng, kind, opts=None):
    """Draw one commercial deal. opts may force: basis, esc, area (bool), suite (bool), table."""
    opts = opts or {}
    (amin, amax), (pmin, pmax), terms, suite_style, recw = PROFILES[kind]
    d = Obj(kind="commercial", property_kind=kind)
    d.landlord, d.landlord_desc = _company(rng, True)
    d.tenant, d.tenant_desc = _company(rng, False)
    while d.tenant.lower().split()[0] == d.landlord.lower().split()[0]:
        d.tenant, d.tenant_desc = _company(rng, False)
    d.dba = None
    if kind in ("retail", "medical") and rng.random() < 0.25:
        d.dba = rng.choice(N.TENANT_STEMS)
    d.addr = _address(rng, opts.get("state_style"))
    d.building = f"{N.place(rng)} {rng.choice(N.BUILDING_KINDS)}"
    has_suite = opts.get("suite", rng.random() < (0.9 if kind != "industrial" else 0.6))
    d.suite, d.floor = _suite(rng, suite_style) if has_suite else (None, None)
    has_area = opts.get("area", rng.random() < 0.9)
    d.area = (rng.randint(amin // 12, amax // 12) * 12) if has_area else None
    d.execution = dt.date(rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28))
    c = add_months(d.execution.replace(day=1), rng.randint(1, 6))
    if rng.random() < 0.12:
        c = c.replace(day=rng.choice([10, 15, 16, 20]))
    d.commencement = c
    d.term = opts.get("term") or rng.choice(terms)
    d.expiration = period_end(c, d.term)
    # ---- rent ----
    bases = opts.get("bases") or ["psf", "monthly", "annual"]
    if d.area is None:
        bases = [b for b in bases if b != "psf"] or ["monthly"]
    d.basis = rng.choice(bases)
    d.psf0 = None
    if d.area:
        d.psf0 = q2(D(rng.randint(pmin, pmax)) / 100)
        if d.basis != "psf":
            # a monthly/annual-stated lease: round the monthly figure to whole dollars
            m = (d.psf0 * d.area / 12).quantize(Decimal("1"))
            d.monthly0 = q2(m)
        else:
            d.monthly0 = q2(d.psf0 * d.area / 12)
    else:
        d.monthly0 = q2(D(rng.randint(18, 160)) * 25)
    escs = opts.get("escs") or ["pct", "pct", "pct", "fixed", "none"]
    d.esc = rng.choice(escs)
    d.esc_pct = None
    d.step = None
    if d.esc == "pct":
        d.esc_pct = rng.choice([D("0.03"), D("0.03"), D("0.025"), D("0.035"), D("0.04"),
                                D("0.0275"), D("0.02")])
    elif d.esc == "fixed":
        if d.basis == "psf" or (d.area and rng.random() < 0.4):
            d.step = ("psf", rng.choice([D("0.50"), D("0.50"), D("0.25"), D("0.75"), D("1.00")]))
        elif d.basis == "annual":
            d.step = ("annual", D(rng.choice([1200, 2400, 3600, 6000, 12000])))
        else:
            d.step = ("monthly", D(rng.choice([50, 100, 150, 250, 500, 750])))
    build_schedule(d)
    # ---- other economics ----
    d.free = rng.choice([None] * 5 + [1, 2, 3, 3, 4, 6])
    d.recovery = _weighted(rng, recw)
    d.base_year = None
    d.stop = None
    if d.recovery == "base_year":
        d.base_year = c.year if (c.month < 7 or rng.random() < 0.5) else c.year + 1
        if d.area and rng.random() < 0.5:
            d.stop = q2(D(rng.randint(850, 1475)) / 100)
    d.opex_estimate = q2(D(rng.randint(450, 1500)) / 100) if d.area else None
    r = rng.random()
    if r < 0.45:
        d.deposit_kind, d.deposit_months = "flat", None
        d.deposit = q2((d.monthly0 * rng.choice([1, 1, 2, 3]) / 100).quantize(Decimal("1")) * 100)
        if rng.random() < 0.3:
            d.deposit = q2(d.monthly0)
    elif r < 0.9:
        d.deposit_kind, d.deposit_months = "months", rng.choice([1, 2, 2, 3])
        d.deposit = q2(d.monthly0 * d.deposit_months)
    else:
        d.deposit_kind, d.deposit_months, d.deposit = None, None, None
    r = rng.random()
    if r < 0.55:
        d.late_kind, d.late = "flat", q2(rng.choice([100, 150, 200, 250, 250, 350, 500]))
    elif r < 0.9:
        d.late_kind, d.late = "pct", None
        d.late_pct = rng.choice([D("0.05"), D("0.05"), D("0.04"), D("0.10")])
    else:
        d.late_kind, d.late = None, None
    if rng.random() < 0.72:
        d.renew_count = rng.choice([1, 1, 2, 2, 3])
        d.renew_months = rng.choice([60, 60, 36, 36, 24, 120, 84])
        d.renew_style = rng.choice(["years", "months"]) if d.renew_months % 12 == 0 else "months"
    else:
        d.renew_count = d.renew_months = None
    d.ti_kind = None
    d.ti_psf = None
    d.ti_total = None
    if rng.random() < 0.62 and kind != "industrial" or rng.random() < 0.25:
        if d.area and rng.random() < 0.5:
            d.ti_kind = "total"
            tpsf = D(rng.randint(5, 80))
            d.ti_total = q2((tpsf * d.area / 1000).quantize(Decimal("1")) * 1000) \
                if rng.random() < 0.6 else q2(tpsf * d.area + rng.randint(1, 999))
            d.ti_psf = q2(d.ti_total / d.area)
        else:
            d.ti_kind = "psf"
            d.ti_psf = q2(D(rng.choice([5, 10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 75])) +
                          (D("0.50") if rng.random() < 0.15 else 0))
    # ---- distractors ----
    d.notice_addr = _address(rng)
    while d.notice_addr.street == d.addr.street:
        d.notice_addr = _address(rng)
    d.notice_suite = rng.choice(["Suite 100", "Suite 2100", "Suite 300", "Attn: Asset Manager",
                                 "Suite 1500"])
    d.guarantor = N.person(rng, middle=rng.random() < 0.5) if rng.random() < 0.5 else None
    d.brokers = (rng.choice(N.BROKERS), rng.choice(N.BROKERS))
    d.parking = (rng.choice([4, 10, 12, 20, 25, 40]), q2(rng.choice([45, 75, 95, 110, 125, 150])))
    d.holdover = rng.choice([150, 150, 125, 200])
    d.outside = add_months(c, rng.randint(4, 9))
    d.prior_lease = None
    if rng.random() < 0.35:
        d.prior_lease = (add_months(c, -rng.randint(40, 84)), c - dt.timedelta(days=1),
                         rng.choice(["100", "210", "B-4", "1100", "305"]))
    d.interest = rng.choice([10, 12, 18, 18])
    d.share_pct = q2(D(rng.randint(150, 9000)) / 100) if d.area else None
    d.termination = None
    if d.term >= 60 and rng.random() < 0.3:
        d.termination = (d.term // 12 * 12 - 24 if d.term >= 84 else 36,
                         q2(d.monthly0 * rng.choice([3, 4, 6])))
    d.ins_limits = rng.choice([(1000000, 2000000), (2000000, 4000000), (1000000, 3000000)])
    return d


def _step_value(d, prev):
    """One lease-year step of the escalating figure (psf or monthly), rounded to cents."""
    if d.esc == "pct":
        return q2(prev * (1 + d.esc_pct))
    if d.esc == "fixed":
        unit, amt = d.step
        if d.fig_kind == "psf":
            assert unit == "psf"
            return q2(prev + amt)
        inc = {"psf": amt * (d.area or 0) / 12, "monthly": amt, "annual": amt / 12}[unit]
        assert inc == q2(inc)
        return q2(prev + inc)
    return prev


def build_schedule(d):
    """Rent periods by lease year; figures derived from the escalating figure."""
    periods = []
    years = (d.term + 11) // 12
    # the escalating figure: $/RSF/yr for a lease stated per square foot, else the monthly rent
    d.fig_kind = "psf" if d.basis == "psf" else "monthly"
    fig = d.psf0 if d.fig_kind == "psf" else d.monthly0
    for y in range(years):
        if y:
            fig = _step_value(d, fig)
        if d.fig_kind == "psf":
            annual = q2(fig * d.area)
            monthly = q2(annual / 12)
            assert monthly * 12 == annual, (annual, monthly)
            psf = fig
        else:
            monthly = fig
            annual = q2(monthly * 12)
            psf = q2(annual / d.area) if d.area else None
        a, b = 12 * y + 1, min(12 * y + 12, d.term)
        periods.append(Obj(a=a, b=b, start=add_months(d.commencement, a - 1),
                           end=period_end(d.commencement, b), monthly=monthly, annual=annual,
                           psf=psf, year=y + 1))
    d.schedule = periods
    d.monthly = periods[0].monthly
    d.annual = periods[0].annual
    d.psf = periods[0].psf
    assert periods[-1].end == d.expiration
    for p in periods:
        assert abs(p.annual - 12 * p.monthly) <= D("0.01")


def commercial_truth(d):
    f = dict.fromkeys(FIELDS)
    f.update(landlord=d.landlord, tenant=d.tenant, premises_address=addr_line(d.addr),
             suite=d.suite, area_sf=d.area, commencement=d.commencement.isoformat(),
             expiration=d.expiration.isoformat(), term_months=d.term,
             monthly_base_rent=float(d.monthly), annual_base_rent=float(d.annual),
             rent_psf_annual=float(d.psf) if d.psf is not None else None,
             escalation_pct=float(d.esc_pct) if d.esc == "pct" else None,
             free_rent_months=d.free, recovery=d.recovery,
             expense_stop_psf=float(d.stop) if d.stop is not None else None,
             security_deposit=float(d.deposit) if d.deposit is not None else None,
             late_fee=float(d.late) if d.late is not None else None,
             renewal_option_count=d.renew_count, renewal_term_months=d.renew_months,
             ti_allowance_psf=float(d.ti_psf) if d.ti_psf is not None else None)
    sched = [{"start": p.start.isoformat(), "end": p.end.isoformat(), "monthly": float(p.monthly),
              "annual": float(p.annual), "psf_annual": float(p.psf) if p.psf is not None else None}
             for p in d.schedule]
    # A flat rent with no table is one contractual period, start to end (the README's rule);
    # a table lists its rows, equal or not.
    if d.esc == "none" and not getattr(d, "table_printed", False):
        sched = [dict(sched[0], end=sched[-1]["end"])]
    if d.deposit_kind == "months":
        assert d.deposit == q2(d.monthly * d.deposit_months)
    if d.ti_kind == "total":
        assert d.ti_psf == q2(d.ti_total / d.area)
    if d.area and d.psf is not None:
        assert d.psf == q2(d.annual / d.area)
    return f, sched


# ------------------------------------------------------------------ residential

def residential(rng, opts=None):
    opts = opts or {}
    d = Obj(kind="residential")
    if rng.random() < 0.45:
        d.landlord = N.person(rng, middle=rng.random() < 0.3)
        d.landlord_desc = None
        d.agent = rng.choice(N.MGMT_COMPANIES) if rng.random() < 0.3 else None
    else:
        d.landlord = rng.choice(N.APARTMENT_NAMES).replace("The ", "") + rng.choice(
            [", LLC", " LLC", " Owner, LLC", ", L.P."])
        if rng.random() < 0.4:
            d.landlord = d.landlord.upper()
        d.landlord_desc = rng.choice(["a Delaware limited liability company",
                                      "a Texas limited partnership", None])
        d.agent = rng.choice(N.MGMT_COMPANIES) if rng.random() < 0.5 else None
    n = rng.choice([1, 1, 2, 2, 2, 3])
    people = []
    last = rng.choice(N.LAST)
    for k in range(n):
        p = N.person(rng)
        if k and rng.random() < 0.5:
            p = p.split()[0] + " " + last
        elif k == 0:
            p = p.split()[0] + " " + last
        people.append(p)
    d.people = people
    d.tenant = people[0] if n == 1 else (", ".join(people[:-1]) + " and " + people[-1])
    d.addr = _address(rng, opts.get("state_style"))
    d.addr.street = rng.choice(N.RES_STREETS + N.STREET_NAMES[:6])
    d.unit_word = None
    if opts.get("unit", rng.random() < 0.8):
        d.unit = rng.choice([f"{rng.randint(1, 9)}{rng.choice('ABCD')}", str(rng.randint(1, 48)),
                             str(rng.randint(1, 6) * 100 + rng.randint(1, 24)),
                             rng.choice("ABCD")])
    else:
        d.unit = None
    d.community = rng.choice(N.APARTMENT_NAMES)
    d.start = dt.date(rng.randint(2023, 2026), rng.randint(1, 12), 1)
    if rng.random() < 0.12:
        d.start = d.start.replace(day=15)
    d.term = opts.get("term") or rng.choice([12, 12, 12, 12, 6, 13, 18, 24, 14])
    d.end = period_end(d.start, d.term)
    d.monthly = q2(D(rng.randint(36, 220)) * 25)
    if rng.random() < 0.1:
        d.monthly = q2(d.monthly + D(rng.choice(["0.50", "12.00", "9.00"])))
    d.annual = q2(d.monthly * 12)
    d.area = rng.randint(450, 2600) if rng.random() < 0.3 else None
    d.psf = q2(d.annual / d.area) if d.area else None
    r = rng.random()
    if r < 0.6 or opts.get("flat_deposit"):
        d.deposit_kind, d.deposit_months = "flat", None
        d.deposit = q2(rng.choice([d.monthly, d.monthly * 2, D(rng.randint(4, 30) * 50)]))
    else:
        d.deposit_kind, d.deposit_months = "months", rng.choice([1, 1, 2])
        d.deposit = q2(d.monthly * d.deposit_months)
    r = rng.random()
    if r < 0.6 or opts.get("flat_late"):
        d.late_kind, d.late = "flat", q2(rng.choice([50, 75, 75, 100, 100, 150, 200]))
    elif r < 0.8:
        d.late_kind, d.late = "pct", None
        d.late_pct = rng.choice([D("0.05"), D("0.10")])
    else:
        d.late_kind, d.late = "daily", None
        d.late_initial = q2(rng.choice([0, 50, 75]))
        d.late_daily = q2(rng.choice([5, 10, 15, 25]))
    r = rng.random()
    if r < 0.45:
        d.renew = "mtm"
        d.renew_count = d.renew_months = None
    elif r < 0.8:
        d.renew = "option"
        d.renew_count = rng.choice([1, 1, 2])
        d.renew_months = rng.choice([12, 12, 6, 24])
    else:
        d.renew = None
        d.renew_count = d.renew_months = None
    d.free = 1 if rng.random() < 0.1 else None
    d.pets = rng.choice([None, ("cat", 300, 25), ("dog", 500, 35), ("dog", 400, 50)])
    d.parking = rng.choice([None, ("assigned", 1, 0), ("garage", 1, 75), ("surface", 2, 35)])
    d.utilities = rng.sample(["electricity", "gas", "water", "sewer", "trash", "internet",
                              "cable"], 4)
    d.pay_day = 1
    d.grace = rng.choice([3, 4, 5, 5])
    d.notice_days = rng.choice([30, 30, 60])
    d.appliances = rng.sample(["refrigerator", "range/oven", "dishwasher", "microwave",
                               "washer", "dryer", "garbage disposal"], 4)
    d.signing = d.start - dt.timedelta(days=rng.randint(8, 50))
    return d


def residential_truth(d):
    f = dict.fromkeys(FIELDS)
    f.update(landlord=d.landlord, tenant=d.tenant, premises_address=addr_line(d.addr),
             suite=d.unit, area_sf=d.area, commencement=d.start.isoformat(),
             expiration=d.end.isoformat(), term_months=d.term, monthly_base_rent=float(d.monthly),
             annual_base_rent=float(d.annual), rent_psf_annual=float(d.psf) if d.psf else None,
             free_rent_months=d.free, security_deposit=float(d.deposit),
             late_fee=float(d.late) if d.late is not None else None,
             renewal_option_count=d.renew_count, renewal_term_months=d.renew_months)
    assert d.end == period_end(d.start, d.term)
    sched = [{"start": d.start.isoformat(), "end": d.end.isoformat(), "monthly": float(d.monthly),
              "annual": float(d.annual), "psf_annual": float(d.psf) if d.psf else None}]
    return f, sched
