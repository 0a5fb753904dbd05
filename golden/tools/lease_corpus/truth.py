"""Truth-file assembly for leases: fields, pages_of, rent_schedule, with the convention checks."""

import json

from . import deal as DL
from .doc import field_pages

VALID_RECOVERY = {"nnn", "gross", "modified_gross", "base_year"}


def lease_truth(built, layout, fmt, pages, placements):
    d = built.d
    if d.kind == "commercial":
        fields, sched = DL.commercial_truth(d)
    else:
        fields, sched = DL.residential_truth(d)
    assert list(fields) == DL.FIELDS
    fp = field_pages(built.blocks, placements)
    pages_of = {}
    for k in DL.FIELDS:
        if fields[k] is not None:
            assert k in fp, f"{layout}: field {k} is not stated anywhere"
            assert 1 <= fp[k] <= pages
            pages_of[k] = fp[k]
    check(fields, sched, d.kind)
    return {"kind": d.kind, "layout": layout, "format": fmt, "pages": pages, "fields": fields,
            "pages_of": pages_of, "rent_schedule": sched}


def check(f, sched, kind):
    """The conventions of golden/lease/README.md, asserted on every truth file."""
    import datetime as dt
    from decimal import Decimal as Dec
    c = dt.date.fromisoformat(f["commencement"])
    e = dt.date.fromisoformat(f["expiration"])
    assert DL.period_end(c, f["term_months"]) == e
    m, a = Dec(str(f["monthly_base_rent"])), Dec(str(f["annual_base_rent"]))
    assert abs(a - 12 * m) <= Dec("0.01")
    if f["area_sf"]:
        if f["rent_psf_annual"] is not None:
            assert Dec(str(f["rent_psf_annual"])) == (a / f["area_sf"]).quantize(Dec("0.01"),
                                                                                  "ROUND_HALF_UP")
    else:
        assert f["rent_psf_annual"] is None and f["ti_allowance_psf"] is None or kind == "commercial"
    assert sched[0]["start"] == f["commencement"] and sched[-1]["end"] == f["expiration"]
    assert sched[0]["monthly"] == f["monthly_base_rent"] and sched[0]["annual"] == f["annual_base_rent"]
    for p, q in zip(sched, sched[1:]):
        assert dt.date.fromisoformat(q["start"]) == dt.date.fromisoformat(p["end"]) + dt.timedelta(1)
    for p in sched:
        assert abs(Dec(str(p["annual"])) - 12 * Dec(str(p["monthly"]))) <= Dec("0.01")
    if kind == "residential":
        assert f["recovery"] is None and f["escalation_pct"] is None and len(sched) == 1
        assert f["expense_stop_psf"] is None and f["ti_allowance_psf"] is None
    else:
        assert f["recovery"] in VALID_RECOVERY
        if f["expense_stop_psf"] is not None:
            assert f["recovery"] == "base_year"
        if f["escalation_pct"] is not None:
            r = Dec(str(f["escalation_pct"]))
            for p, q in zip(sched, sched[1:]):
                base = "psf_annual" if p["psf_annual"] is not None and \
                    Dec(str(q["psf_annual"])) == (Dec(str(p["psf_annual"])) * (1 + r)).quantize(
                        Dec("0.01"), "ROUND_HALF_UP") else "monthly"
                want = (Dec(str(p[base])) * (1 + r)).quantize(Dec("0.01"), "ROUND_HALF_UP")
                assert Dec(str(q[base])) == want, (p, q, r)
        elif len(sched) > 1 and len({p["monthly"] for p in sched}) > 1:
            pass  # fixed-dollar steps
    if f["renewal_option_count"] is None:
        assert f["renewal_term_months"] is None


def dump(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
