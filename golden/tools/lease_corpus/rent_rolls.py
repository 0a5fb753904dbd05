"""Messy rent rolls (CSV and XLSX) as sellers send them, with exact row-by-row truth.

Five commercial layouts and three multifamily layouts: titles and blank rows above the header, a
two-line header, section/subtotal/total rows, footnotes, vacant rows, several date and money
formats, real date cells in some XLSX layouts and text dates in others, and one layout whose single
"Base Rent" column is monthly, annual or $/SF/yr depending on the roll.
"""

import csv
import datetime as dt
import io
import os
import random
from decimal import Decimal

from . import names as N
from . import xlsx as X
from .truth import dump
from .words import D, MON3, fmt_date, q2

# ------------------------------------------------------------------------------------------ data


def _company(rng, used):
    while True:
        stem = rng.choice(N.TENANT_STEMS)
        name = stem + rng.choice([", Inc.", " LLC", " Corp.", ", LLC", "", " Co.", ", P.C."])
        if stem not in used:
            used.add(stem)
            return name


def commercial_rows(rng, n, as_of, basis, kind="office", vacancy=0.12):
    used = set()
    rows = []
    for k in range(n):
        if kind == "retail":
            suite = rng.choice([f"{100 + k}", f"{rng.choice('AB')}-{k + 1}"])
        elif kind == "industrial":
            suite = str(100 + 10 * k + rng.randint(0, 9))
        else:
            suite = str((2 + k // 6) * 100 + (k % 6) * 10 + rng.choice([0, 0, 5]))
        area = rng.randint(6, 250) * 100 + rng.choice([0, 12, 37, 45, 68, 91]) if kind != \
            "industrial" else rng.randint(20, 800) * 100 + rng.randint(0, 99)
        vacant = rng.random() < vacancy
        r = dict(suite=suite, area=area, vacant=vacant)
        if vacant:
            r.update(tenant=None, annual=None, monthly=None, psf=None, start=None, end=None,
                     holdover=False)
        else:
            psf = q2(D(rng.randint(1400, 4800) if kind != "industrial" else rng.randint(500, 1400))
                     / 100)
            if basis == "annual":
                annual = q2((psf * area).quantize(Decimal("1")))
                monthly = q2(annual / 12)
                psf = q2(annual / area)
            elif basis == "monthly":
                monthly = q2((psf * area / 12).quantize(Decimal("1")))
                annual = q2(monthly * 12)
                psf = q2(annual / area)
            else:
                annual = q2(psf * area)
                monthly = q2(annual / 12)
            start = as_of - dt.timedelta(days=rng.randint(30, 3650))
            start = start.replace(day=1)
            holdover = rng.random() < 0.08
            if holdover:
                end = (as_of.replace(day=1) - dt.timedelta(days=rng.randint(1, 90)))
                end = (end.replace(day=1) - dt.timedelta(days=1))
            else:
                end = (start.replace(year=start.year + rng.randint(3, 11)) - dt.timedelta(days=1))
                if end <= as_of:
                    end = as_of.replace(year=as_of.year + rng.randint(1, 6), day=1) - \
                        dt.timedelta(days=1)
            r.update(tenant=_company(rng, used), annual=annual, monthly=monthly, psf=psf,
                     start=start, end=end, holdover=holdover, esc=rng.choice(["3%", "3%", "2.5%",
                                                                               "4%", "Fixed"]),
                     deposit=q2(monthly * rng.choice([1, 2])))
        rows.append(r)
    return rows


UNIT_TYPES = [("1x1", "1 BR / 1 BA", 1, 1, 650, 820), ("2x1", "2 BR / 1 BA", 2, 1, 850, 980),
              ("2x2", "2 BR / 2 BA", 2, 2, 960, 1180), ("3x2", "3 BR / 2 BA", 3, 2, 1200, 1450),
              ("0x1", "Studio / 1 BA", 0, 1, 450, 560)]


def mf_rows(rng, n, as_of, buildings=1):
    out = []
    per = (n + buildings - 1) // buildings
    k = 0
    for b in range(buildings):
        for j in range(min(per, n - k)):
            floor = 1 + j // 12
            unit = f"{b + 1}{floor}{(j % 12) + 1:02d}" if buildings > 1 else \
                f"{floor}{(j % 12) + 1:02d}"
            ut = rng.choices(UNIT_TYPES, [5, 2, 4, 2, 1])[0]
            area = rng.randint(ut[4], ut[5])
            market = q2(D(rng.randint(ut[4], ut[5]) * 2 + rng.randint(-50, 300)))
            r = rng.random()
            status = "vacant" if r < 0.07 else ("notice" if r < 0.12 else "occupied")
            row = dict(building=b + 1, unit=unit, ut=ut, area=area, market=market, status=status)
            if status == "vacant":
                row.update(actual=None, move_in=None, lease_end=None,
                           resident=None)
            else:
                actual = q2(market - D(rng.choice([0, 0, 0, 25, 50, 75, 110])))
                move_in = as_of - dt.timedelta(days=rng.randint(20, 2200))
                lease_end = move_in
                while lease_end <= as_of - dt.timedelta(days=40):
                    lease_end = lease_end + dt.timedelta(days=365)
                row.update(actual=actual, move_in=move_in, lease_end=lease_end,
                           resident=f"{rng.choice(N.LAST)}, {rng.choice(N.FIRST)}")
            out.append(row)
            k += 1
    return out


# ------------------------------------------------------------------------------- formatting

def money(x, style="dollar"):
    if x is None:
        return ""
    s = f"{x:,.2f}"
    if style == "dollar":
        return "$" + s
    if style == "plain":
        return s
    if style == "nocomma":
        return f"{x:.2f}"
    if style == "trailing":
        return "$" + s + " "
    if style == "spaced":
        return " $ " + s + " "
    raise ValueError(style)


def dates(d, style):
    return "" if d is None else fmt_date(d, style)


def c_truth_row(n, r):
    if r["vacant"]:
        return {"row": n, "kept": True, "tenant": None, "suite": r["suite"], "area_sf": r["area"],
                "annual_rent": r.get("t_annual"), "monthly_rent": r.get("t_monthly"),
                "rent_psf_annual": r.get("t_psf"), "start": None, "end": None, "vacant": True}
    return {"row": n, "kept": True, "tenant": r["tenant"], "suite": r["suite"], "area_sf": r["area"],
            "annual_rent": float(r["annual"]), "monthly_rent": float(r["monthly"]),
            "rent_psf_annual": float(r["psf"]), "start": r["start"].isoformat(),
            "end": r["end"].isoformat(), "vacant": False}


def mf_truth_row(n, r, ut_text):
    vac = r["status"] == "vacant"
    return {"row": n, "kept": True, "unit": r["unit"], "unit_type": ut_text, "area_sf": r["area"],
            "market_rent": float(r["market"]), "actual_rent": None if vac else float(r["actual"]),
            "move_in": None if vac else r["move_in"].isoformat(),
            "lease_end": None if vac else r["lease_end"].isoformat(), "status": r["status"],
            "vacant": vac}


def skip(n, reason):
    return {"row": n, "kept": False, "reason": reason}


def c_totals(truth_rows):
    kept = [r for r in truth_rows if r["kept"]]
    occ = [r for r in kept if not r["vacant"]]
    return {"rows_kept": len(kept), "occupied_area_sf": sum(r["area_sf"] for r in occ),
            "vacant_area_sf": sum(r["area_sf"] for r in kept if r["vacant"]),
            "annual_rent": float(sum(D(str(r["annual_rent"])) for r in occ))}


def mf_totals(truth_rows):
    kept = [r for r in truth_rows if r["kept"]]
    occ = [r for r in kept if not r["vacant"]]
    m = sum(D(str(r["actual_rent"])) for r in occ)
    return {"rows_kept": len(kept), "units": len(kept), "occupied_units": len(occ),
            "monthly_rent": float(m), "annual_rent": float(m * 12)}


class Sheet:
    """Physical rows plus truth entries, numbered as they are appended."""

    def __init__(self):
        self.rows = []
        self.truth = []
        self.header_rows = []

    def add(self, cells, truth=None):
        self.rows.append(cells)
        n = len(self.rows)
        if truth == "header":
            self.header_rows.append(n)
        elif truth is not None:
            self.truth.append(truth(n) if callable(truth) else truth)
        return n

    def after_header(self, reason, cells):
        n = self.add(cells)
        self.truth.append(skip(n, reason))


def csv_bytes(rows, crlf=True):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    for r in rows:
        w.writerow(["" if c is None else c for c in r])
    return buf.getvalue().encode("utf-8")


# ------------------------------------------------------------------- commercial layouts

def office_standard(rng, as_of):
    """CSV. Title block, one header, Notes column with '*' for holdovers, Total, footnotes."""
    name = f"{N.place(rng)} {rng.choice(['Tower', 'Plaza', 'Center'])}"
    data = commercial_rows(rng, rng.randint(12, 40), as_of, "annual")
    s = Sheet()
    s.add([name])
    s.add(["Rent Roll"])
    s.add([f"As of {fmt_date(as_of, 'numeric')}"])
    s.add([])
    s.add(["Suite", "Tenant", "RSF", "Lease Start", "Lease Exp", "Annual Rent", "Rent/SF/Yr",
           "% of Total", "Notes"], "header")
    total_rent = sum(r["annual"] for r in data if not r["vacant"])
    area = sum(r["area"] for r in data)
    for r in data:
        if r["vacant"]:
            s.add([r["suite"], "VACANT", f"{r['area']:,}", "", "", "", "", "", ""],
                  lambda n, r=r: c_truth_row(n, r))
        else:
            s.add([r["suite"], r["tenant"], f"{r['area']:,}", dates(r["start"], "numeric"),
                   dates(r["end"], "numeric"), money(r["annual"]), f"{r['psf']:.2f}",
                   f"{r['annual'] / total_rent * 100:.2f}%", "*" if r["holdover"] else ""],
                  lambda n, r=r: c_truth_row(n, r))
    s.after_header("blank", [])
    s.after_header("total", ["Total", "", f"{area:,}", "", "", money(total_rent), "", "100.00%", ""])
    s.after_header("blank", [])
    s.after_header("note", ["* Tenant in holdover"])
    occ = sum(r["area"] for r in data if not r["vacant"])
    s.after_header("note", [f"Occupancy: {occ / area * 100:.1f}% of {area:,} RSF"])
    return s, "csv", "annual"


def retail_two_line(rng, as_of):
    """XLSX. Merged title, two-line header, building sections with subtotals, real date cells."""
    name = f"{N.place(rng)} {rng.choice(['Marketplace', 'Town Center', 'Shopping Center'])}"
    nb = rng.choice([2, 3])
    s = Sheet()
    s.add([("title", f"{name} - Rent Roll")] + [None] * 8)
    s.add([f"As of {fmt_date(as_of, 'long')}"])
    s.add([])
    s.add([("bold", "Unit"), ("bold", "Tenant"), ("bold", "Sq Ft"), ("bold", "Lease"), None,
           ("bold", "Monthly"), ("bold", "Annual"), ("bold", "Rent"), ("bold", "Annual")], "header")
    s.add([None, None, None, ("bold", "Start"), ("bold", "End"), ("bold", "Rent"), ("bold", "Rent"),
           ("bold", "$/SF"), ("bold", "Escalation")], "header")
    grand_area, grand_rent = 0, D(0)
    for b in range(nb):
        data = commercial_rows(rng, rng.randint(4, 14), as_of, "monthly", "retail")
        s.after_header("note", [("bold", f"Building {chr(65 + b)}")])
        for r in data:
            if r["vacant"]:
                s.add([r["suite"], "Vacant", r["area"], None, None, None, None, None, None],
                      lambda n, r=r: c_truth_row(n, r))
            else:
                esc = r["esc"]
                escv = ("pct", D(esc[:-1]) / 100) if esc.endswith("%") else "Fixed"
                s.add([r["suite"], r["tenant"], r["area"], ("date", r["start"], "builtin14"),
                       ("date", r["end"], "builtin14"), ("money", r["monthly"]),
                       ("money", r["annual"]), ("num2", r["psf"]), escv],
                      lambda n, r=r: c_truth_row(n, r))
        a = sum(r["area"] for r in data)
        m = sum(r["monthly"] for r in data if not r["vacant"])
        s.after_header("total", [("bold", f"Subtotal - Building {chr(65 + b)}"), None, a, None, None,
                                 ("money", m), ("money", m * 12), None, None])
        s.after_header("blank", [])
        grand_area += a
        grand_rent += m
    s.after_header("total", [("bold", "Grand Total"), None, grand_area, None, None,
                             ("money", grand_rent), ("money", grand_rent * 12), None, None])
    return s, "xlsx", "monthly", dict(merges=["A1:I1"], widths=[8, 34, 9, 11, 11, 12, 13, 8, 11])


def industrial_lessee(rng, as_of):
    """CSV. 'Ste'/'Lessee'/'LCD'/'LXD', 31-Jan-27 dates, trailing spaces, holdover asterisks."""
    name = f"{N.place(rng)} {rng.choice(['Business Park', 'Logistics Center', 'Industrial Park'])}"
    data = commercial_rows(rng, rng.randint(8, 30), as_of, "monthly", "industrial")
    s = Sheet()
    s.add(["Rent Roll - Industrial Portfolio", "", "", "", "", "", "", "", ""])
    s.add([f"Property: {name}", "", "", "", "", "", "", "", ""])
    s.add([f"Report Date: {fmt_date(as_of + dt.timedelta(days=15), 'numeric')}", "", "", "", "",
           "", "", "", ""])
    s.add(["", "", "", "", "", "", "", "", ""])
    s.add(["", "", "", "", "", "", "", "", ""])
    s.add(["Ste", "Lessee", "Area", "LCD", "LXD", "Monthly Rent", "Rent/SF/Yr", "Escalation",
           "Security Deposit"], "header")
    for r in data:
        if r["vacant"]:
            s.add([r["suite"], "VACANT", f"{r['area']:,}", "", "", "-", "-", "", ""],
                  lambda n, r=r: c_truth_row(n, r))
        else:
            esc = r["esc"].rstrip("%") if r["esc"] != "Fixed" else "Fixed"
            if esc != "Fixed":
                esc = f"{D(esc):.1f}"
            tenant = r["tenant"] + (" *" if r["holdover"] else "")
            s.add([r["suite"], tenant, f"{r['area']:,}", dates(r["start"], "dmy"),
                   dates(r["end"], "dmy"), money(r["monthly"], rng.choice(["trailing", "spaced",
                                                                           "dollar"])),
                   f"{r['psf']:.2f}", esc, f"({r['deposit']:,.2f})"],
                  lambda n, r=r: c_truth_row(n, r))
    tot = sum(r["monthly"] for r in data if not r["vacant"])
    s.after_header("total", ["", "Occupied Total", f"{sum(r['area'] for r in data if not r['vacant']):,}",
                             "", "", money(tot), "", "", ""])
    s.after_header("total", ["", "Total", f"{sum(r['area'] for r in data):,}", "", "", money(tot), "",
                             "", ""])
    s.after_header("blank", ["", "", "", "", "", "", "", "", ""])
    s.after_header("note", ["* Holdover - month to month", "", "", "", "", "", "", "", ""])
    s.after_header("note", ["Security deposits shown as liabilities in parentheses.", "", "", "", "",
                            "", "", "", ""])
    return s, "csv", "monthly"


def ambiguous_rent(rng, as_of, basis):
    """XLSX (inline strings). A single 'Base Rent' column whose unit must be inferred."""
    name = f"{N.place(rng)} {rng.choice(['Medical Pavilion', 'Professional Building', 'Office Park'])}"
    data = commercial_rows(rng, rng.randint(10, 35), as_of, basis)
    s = Sheet()
    s.add([name])
    s.add([f"Tenancy Schedule {fmt_date(as_of, 'mon')}"])
    s.add([])
    label = rng.choice(["Base Rent", "Rent"])
    s.add(["Tenant Name", "Ste", "Rentable SF", "Lease Start", "Expiration", label, "Notes"],
          "header")
    for r in data:
        if r["vacant"]:
            z = rng.random() < 0.5
            if z:
                r["t_annual"] = r["t_monthly"] = r["t_psf"] = 0.0
            s.add(["Vacant", r["suite"], r["area"], None, None, ("num2", D(0)) if z else None, None],
                  lambda n, r=r: c_truth_row(n, r))
        else:
            v = {"monthly": r["monthly"], "annual": r["annual"], "psf": r["psf"]}[basis]
            s.add([r["tenant"], r["suite"], r["area"], dates(r["start"], "mon"),
                   dates(r["end"], "mon"), ("num2", v),
                   "Holdover" if r["holdover"] else None],
                  lambda n, r=r: c_truth_row(n, r))
    area = sum(r["area"] for r in data)
    occ = sum(r["area"] for r in data if not r["vacant"])
    tot = {"monthly": sum(r["monthly"] for r in data if not r["vacant"]),
           "annual": sum(r["annual"] for r in data if not r["vacant"]),
           "psf": None}[basis]
    s.after_header("total", ["Occupied Total", None, occ, None, None,
                             ("num2", tot) if tot is not None else None, None])
    s.after_header("total", ["Total", None, area, None, None,
                             ("num2", tot) if tot is not None else None, None])
    s.after_header("note", [f"Occupancy {occ / area:.1%}"])
    return s, "xlsx", basis, dict(inline=True, widths=[34, 8, 12, 14, 14, 12, 12])


def portfolio_by_building(rng, as_of):
    """XLSX (shared strings). Building sections, repeated header, custom mm/dd/yyyy date cells,
    numeric suites, Occupied/Vacant/Grand totals."""
    s = Sheet()
    s.add([("title", f"{N.place(rng)} Portfolio")])
    s.add([f"Rent Roll as of {fmt_date(as_of, 'numeric')}"])
    s.add([])
    s.add([])
    hdr = [("bold", h) for h in ["Tenant", "Suite", "Area", "Commencement", "Expiration",
                                 "Rent/SF/Yr", "Annual Base Rent", "Monthly Rent"]]
    s.add(hdr, "header")
    nb = rng.choice([2, 3])
    alld = []
    for b in range(nb):
        num = rng.choice([100, 200, 300, 1200, 4400]) + b
        street = rng.choice(N.STREET_NAMES)
        if b:
            s.after_header("blank", [])
            s.after_header("header", hdr)
        s.after_header("note", [("bold", f"Building {num} - {num} {street}")])
        data = commercial_rows(rng, rng.randint(4, 15), as_of, "annual")
        for r in data:
            suite_cell = int(r["suite"]) if r["suite"].isdigit() else r["suite"]
            if r["vacant"]:
                s.add(["Vacant", suite_cell, r["area"], None, None, None, None, None],
                      lambda n, r=r: c_truth_row(n, r))
            else:
                s.add([r["tenant"], suite_cell, r["area"], ("date", r["start"], "mmddyyyy"),
                       ("date", r["end"], "mmddyyyy"), ("num2", r["psf"]), ("money", r["annual"]),
                       ("money", r["monthly"])], lambda n, r=r: c_truth_row(n, r))
        s.after_header("total", [f"Subtotal - Building {num}", None, sum(r["area"] for r in data),
                                 None, None, None,
                                 ("money", sum(r["annual"] for r in data if not r["vacant"])), None])
        alld += data
    s.after_header("blank", [])
    occ = [r for r in alld if not r["vacant"]]
    s.after_header("total", ["Occupied Total", None, sum(r["area"] for r in occ), None, None, None,
                             ("money", sum(r["annual"] for r in occ)), None])
    s.after_header("total", ["Vacant Total", None, sum(r["area"] for r in alld if r["vacant"]), None,
                             None, None, None, None])
    s.after_header("total", ["Grand Total", None, sum(r["area"] for r in alld), None, None, None,
                             ("money", sum(r["annual"] for r in occ)), None])
    return s, "xlsx", "annual", dict(widths=[34, 8, 10, 14, 14, 11, 16, 14], freeze=5)


# ------------------------------------------------------------------ multifamily layouts

STATUS = {"yardi": {"occupied": "Occupied", "vacant": "Vacant", "notice": "Notice"},
          "long": {"occupied": "Occupied", "vacant": "Vacant", "notice": "Notice to Vacate"},
          "lower": {"occupied": "occupied", "vacant": "vacant", "notice": "notice"}}


def mf_yardi(rng, as_of, n=None, real_dates=False):
    """CSV (or XLSX for the bench). Yardi-like title block, '2x2' unit types, VACANT residents
    with 0.00 rent, totals and occupancy notes."""
    prop = rng.choice(N.APARTMENT_NAMES)
    data = mf_rows(rng, n or rng.randint(60, 300), as_of)
    s = Sheet()
    s.add(["Rent Roll with Lease Charges"])
    s.add([f"{prop} ({prop[:3].lower()})"])
    s.add([f"As Of = {fmt_date(as_of, 'numeric')}"])
    s.add([f"Month Year = {as_of.month:02d}/{as_of.year}"])
    s.add([])
    s.add(["Unit", "Unit Type", "Unit Sq Ft", "Resident Name", "Market Rent", "Actual Rent",
           "Move In", "Lease Expiration", "Status"], "header")
    st = STATUS["yardi"]

    def dcell(d):
        if d is None:
            return None if real_dates else ""
        return ("date", d, "builtin14") if real_dates else fmt_date(d, "numeric")

    def mcell(x):
        if real_dates:
            return ("num2", x)
        return money(x, "plain")
    for r in data:
        vac = r["status"] == "vacant"
        s.add([r["unit"], r["ut"][0], r["area"] if real_dates else str(r["area"]),
               "VACANT" if vac else r["resident"], mcell(r["market"]),
               mcell(D("0.00")) if vac else mcell(r["actual"]), dcell(r["move_in"]),
               dcell(r["lease_end"]), st[r["status"]]],
              lambda n, r=r: mf_truth_row(n, r, r["ut"][0]))
    occ = [r for r in data if r["status"] != "vacant"]
    s.after_header("blank", [])
    s.after_header("total", ["Total", "", sum(r["area"] for r in data) if real_dates else
                             str(sum(r["area"] for r in data)), f"{len(data)} Units",
                             mcell(sum(r["market"] for r in data)),
                             mcell(sum(r["actual"] for r in occ)), "", "", ""])
    s.after_header("note", [f"Occupied Units: {len(occ)}"])
    s.after_header("note", [f"Occupancy: {len(occ) / len(data) * 100:.1f}%"])
    return s, "xlsx" if real_dates else "csv"


def mf_beds_baths(rng, as_of):
    """XLSX. Merged title, 'Unit #' / '2 BR / 2 BA', building subtotals, real date cells."""
    prop = rng.choice(N.APARTMENT_NAMES)
    nb = rng.choice([2, 3, 4])
    data = mf_rows(rng, rng.randint(40, 200), as_of, nb)
    s = Sheet()
    s.add([("title", f"{prop} - Unit Rent Roll")] + [None] * 7)
    s.add([f"As of {fmt_date(as_of, 'numeric')}"])
    s.add([])
    s.add([("bold", h) for h in ["Unit #", "Beds/Baths", "SF", "Market", "Lease Rent", "Move-In",
                                 "Lease End", "Status"]], "header")
    st = STATUS["long"]
    for b in range(1, nb + 1):
        rows = [r for r in data if r["building"] == b]
        for r in rows:
            vac = r["status"] == "vacant"
            s.add([r["unit"], r["ut"][1], r["area"], ("money", r["market"]),
                   None if vac else ("money", r["actual"]),
                   None if vac else ("date", r["move_in"], "mmddyyyy"),
                   None if vac else ("date", r["lease_end"], "mmddyyyy"), st[r["status"]]],
                  lambda n, r=r: mf_truth_row(n, r, r["ut"][1]))
        s.after_header("total", [("bold", f"Subtotal - Building {b}"), f"{len(rows)} units",
                                 sum(r["area"] for r in rows),
                                 ("money", sum(r["market"] for r in rows)),
                                 ("money", sum(r["actual"] for r in rows if r["actual"])), None,
                                 None, None])
        s.after_header("blank", [])
    s.after_header("total", [("bold", "Grand Total"), f"{len(data)} units",
                             sum(r["area"] for r in data), ("money", sum(r["market"] for r in data)),
                             ("money", sum(r["actual"] for r in data if r["actual"])), None, None,
                             None])
    return s, "xlsx", dict(merges=["A1:H1"], widths=[9, 14, 8, 11, 11, 12, 12, 16])


def mf_mixed(rng, as_of, fmt):
    """CSV or XLSX. Text dates in mixed formats, '$' money with trailing spaces, footnotes."""
    prop = rng.choice(N.APARTMENT_NAMES)
    data = mf_rows(rng, rng.randint(40, 150), as_of)
    s = Sheet()
    s.add([f"{prop}"])
    s.add(["Rent Roll Report"])
    s.add([f"Period ending {fmt_date(as_of, 'long')}"])
    s.add([])
    s.add(["Unit", "Type", "Area", "Market Rent", "Rent", "Move In", "Lease End", "Status",
           "Resident"], "header")
    st = STATUS["lower"]
    for r in data:
        vac = r["status"] == "vacant"
        style = rng.choice(["mon", "iso", "numeric", "slash4"])
        s.add([r["unit"], r["ut"][0].replace("x", "/"), f"{r['area']:,}",
               money(r["market"], rng.choice(["dollar", "trailing"])),
               "" if vac else money(r["actual"], rng.choice(["dollar", "trailing", "spaced"])),
               "" if vac else fmt_date(r["move_in"], style),
               "" if vac else fmt_date(r["lease_end"], style), st[r["status"]],
               "" if vac else r["resident"]],
              lambda n, r=r: mf_truth_row(n, r, r["ut"][0].replace("x", "/")))
    s.after_header("blank", [])
    s.after_header("total", ["Totals", "", f"{sum(r['area'] for r in data):,}",
                             money(sum(r["market"] for r in data)),
                             money(sum(r["actual"] for r in data if r["actual"])), "", "", "", ""])
    s.after_header("note", ["Notes: Unit types are beds/baths. Rent is the current monthly "
                            "contract rent; concessions not deducted."])
    s.after_header("note", ["Units on notice remain occupied until move-out."])
    return s, fmt


# ---------------------------------------------------------------------------------- driver

def _emit(out_dir, stem, s, fmt, kind, layout, basis=None, xopts=None, formats=None):
    if fmt == "csv" or formats:
        rows = [[("" if c is None else _csv_cell(c)) for c in r] for r in s.rows]
        data = csv_bytes(rows)
        _write(os.path.join(out_dir, stem + ".csv"), data)
    if fmt == "xlsx" or formats:
        data = X.write(s.rows, **(xopts or {}))
        _write(os.path.join(out_dir, stem + ".xlsx"), data)
    truth = {"kind": kind, "layout": layout, "format": "+".join(formats) if formats else fmt,
             "header_row": s.header_rows[0]}
    if len(s.header_rows) > 1:
        truth["header_rows"] = s.header_rows
    if formats:
        truth["formats"] = formats
    if kind == "commercial":
        truth["rent_basis"] = basis
    truth["rows"] = s.truth
    truth["totals"] = c_totals(s.truth) if kind == "commercial" else mf_totals(s.truth)
    first_data = s.header_rows[0] + (1 if len(s.header_rows) == 1 or s.header_rows[1] !=
                                     s.header_rows[0] + 1 else 2)
    nums = [r["row"] for r in s.truth]
    assert nums == list(range(first_data, len(s.rows) + 1)), (stem, nums[:5], first_data)
    _write(os.path.join(out_dir, stem + ".truth.json"), dump(truth).encode())
    return truth


def _csv_cell(c):
    if isinstance(c, tuple):
        k = c[0]
        if k == "date":
            return fmt_date(c[1], "numeric")
        if k in ("bold", "title"):
            return c[1]
        if k == "pct":
            return f"{c[1] * 100:.1f}%"
        return f"{c[1]:.2f}"
    return str(c)


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def build(out):
    d = os.path.join(out, "rent-roll", "corpus")
    rng = random.Random(20251231)
    as_of = dt.date(2025, 12, 31)
    made = []
    n = [0]

    def stem(layout):
        n[0] += 1
        return f"{n[0]:02d}-{layout}"
    s, fmt, basis = office_standard(random.Random(1), as_of)
    made.append(_emit(d, stem("office-standard"), s, fmt, "commercial", "office-standard", basis))
    s, fmt, basis = office_standard(random.Random(2), dt.date(2025, 9, 30))
    made.append(_emit(d, stem("office-standard"), s, fmt, "commercial", "office-standard", basis))
    s, fmt, basis, xo = retail_two_line(random.Random(3), as_of)
    made.append(_emit(d, stem("retail-two-line-header"), s, fmt, "commercial",
                      "retail-two-line-header", basis, xo))
    s, fmt, basis = industrial_lessee(random.Random(4), as_of)
    made.append(_emit(d, stem("industrial-lessee"), s, fmt, "commercial", "industrial-lessee",
                      basis))
    for k, b in enumerate(["monthly", "annual", "psf"]):
        s, fmt, basis, xo = ambiguous_rent(random.Random(5 + k), as_of, b)
        made.append(_emit(d, stem("ambiguous-rent"), s, fmt, "commercial", "ambiguous-rent",
                          basis, xo))
    s, fmt, basis, xo = portfolio_by_building(random.Random(8), as_of)
    made.append(_emit(d, stem("portfolio-by-building"), s, fmt, "commercial",
                      "portfolio-by-building", basis, xo))
    s, fmt = mf_yardi(random.Random(9), as_of)
    made.append(_emit(d, stem("mf-yardi"), s, fmt, "multifamily", "mf-yardi"))
    s, fmt, xo = mf_beds_baths(random.Random(10), as_of)
    made.append(_emit(d, stem("mf-beds-baths"), s, fmt, "multifamily", "mf-beds-baths", None, xo))
    s, fmt = mf_mixed(random.Random(11), as_of, "csv")
    made.append(_emit(d, stem("mf-mixed-dates"), s, fmt, "multifamily", "mf-mixed-dates"))
    s, fmt = mf_mixed(random.Random(12), as_of, "xlsx")
    made.append(_emit(d, stem("mf-mixed-dates"), s, fmt, "multifamily", "mf-mixed-dates", None,
                      dict(inline=False, widths=[8, 8, 8, 12, 12, 14, 14, 10, 24])))
    # bench: 5,000 units, same rows in CSV (text dates) and XLSX (real date cells)
    bd = os.path.join(out, "rent-roll", "bench")
    s_csv, _ = mf_yardi(random.Random(5000), as_of, n=5000)
    s_x, _ = mf_yardi(random.Random(5000), as_of, n=5000, real_dates=True)
    assert s_csv.truth == s_x.truth
    _write(os.path.join(bd, "multifamily-5000.csv"),
           csv_bytes([[("" if c is None else _csv_cell(c)) for c in r] for r in s_csv.rows]))
    _emit(bd, "multifamily-5000", s_x, "xlsx", "multifamily", "mf-yardi", None,
          dict(widths=[8, 8, 9, 26, 11, 11, 11, 14, 10]), formats=None)
    # the truth of the pair: one file, valid for both formats (identical row numbering)
    import json
    tp = os.path.join(bd, "multifamily-5000.truth.json")
    t = json.load(open(tp))
    t["format"] = "csv+xlsx"
    t["formats"] = ["csv", "xlsx"]
    _write(tp, dump(t).encode())
    return made
