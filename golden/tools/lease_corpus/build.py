"""Drives lease generation: which layout and format each numbered document gets, fitting PDFs to
their page range, writing documents and truth files, the bench lease and the scan."""

import os
import random

from . import commercial as CM
from . import doc
from . import docx as DOCX
from . import pdf as PDF
from . import residential as RS
from . import txt as TXT
from .pdf import Layout
from .truth import dump, lease_truth
from .words import D

PER_LAYOUT = 22
FORMAT_PATTERN = ["pdf"] * 13 + ["docx"] * 5 + ["txt"] * 4
FLOOR = [  # the three Python-platform residential samples, kept as a floor
    dict(start=__import__("datetime").date(2024, 3, 1), term=12, monthly=D("3850.00"),
         deposit=D("7700.00"), deposit_kind="flat")]


PAGE_RANGE = {"short-form-plain": (2, 6), "residential-apartment-community": (2, 7)}


def all_layouts():
    out = [(k, "commercial", f) for k, f in CM.LAYOUTS.items()]
    out += [(k, "residential", f) for k, f in RS.LAYOUTS.items()]
    return out


def _fit(fn, seed, kind, lo, hi, fixed=None):
    """Build with the largest boilerplate budget whose PDF layout fits [lo, hi] pages."""
    brng = random.Random(seed * 7 + 3)
    budget = brng.randint(8, 31) if kind == "commercial" else brng.randint(4, 17)
    while True:
        rng = random.Random(seed)
        built = fn(rng, budget) if fixed is None else fn(rng, budget, fixed=fixed)
        pages, _, _ = Layout(built.pdf_style, seed).run(built.blocks)
        n = len(pages)
        if n > hi and budget > 0:
            budget -= 2 if n > hi + 1 else 1
            budget = max(budget, 0)
            continue
        if n < lo:
            budget += 3
            if budget > 40:
                raise RuntimeError(f"{fn.__name__}: cannot reach {lo} pages")
            continue
        return built


def render(built, fmt, seed):
    if fmt == "pdf":
        data, pages, pl = PDF.render(built.blocks, built.pdf_style, seed, built.title, built.footer)
        return data, pages, pl
    if fmt == "docx":
        st = dict(built.docx_style)
        return DOCX.render(built.blocks, st, seed, built.pdf_style)
    rng = random.Random(seed + 11)
    st = dict(width=rng.choice([72, 78, 80, 90]), wrap=rng.random() < 0.75,
              formfeed=rng.random() < 0.6, lines_per_page=rng.choice([54, 56, 60]))
    st["footer"] = CM.txt_footer(rng.choice(["pageof", "dash"])) if rng.random() < 0.7 else None
    st.update(built.txt_style)
    text, pages, pl = TXT.render(built.blocks, st)
    return text.encode("utf-8"), pages, pl


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def build_leases(out):
    corpus = os.path.join(out, "lease", "corpus")
    summary = []
    jobs = []
    # the floor: platform-label samples in each format
    for k, fmt in enumerate(["pdf", "docx", "txt"]):
        jobs.append(("residential-platform-labels", "residential", RS.platform_labels, fmt,
                     900 + k, FLOOR[0]))
    layouts = all_layouts()
    patterns = {}
    for li, (name, kind, fn) in enumerate(layouts):
        p = list(FORMAT_PATTERN)
        random.Random(li * 101 + 5).shuffle(p)
        patterns[name] = p
    for i in range(PER_LAYOUT):
        for li, (name, kind, fn) in enumerate(layouts):
            jobs.append((name, kind, fn, patterns[name][i], 10007 * (li + 1) + 31 * i, None))
    for n, (name, kind, fn, fmt, seed, fixed) in enumerate(jobs, 1):
        lo, hi = PAGE_RANGE.get(name, (4, 12) if kind == "commercial" else (2, 6))
        built = _fit(fn, seed, kind, lo, hi, fixed)
        data, pages, pl = render(built, fmt, seed)
        truth = lease_truth(built, name, fmt, pages, pl)
        if fixed is not None:
            truth["floor_sample"] = True
        stem = f"{n:03d}-{name}"
        write(os.path.join(corpus, f"{stem}.{fmt}"), data)
        write(os.path.join(corpus, f"{stem}.truth.json"), dump(truth))
        summary.append((stem, name, kind, fmt, pages))
    return summary


RULES = [
    "Sidewalks, halls, passages, exits, entrances, elevators and stairways shall not be obstructed by "
    "Tenant or used for any purpose other than ingress to and egress from the Premises.",
    "No sign, placard, picture, advertisement or notice shall be exhibited or affixed by Tenant on any "
    "part of the Premises or Building that is visible from outside the Premises.",
    "Tenant shall not alter any lock or install any new or additional locks or bolts on any doors or "
    "windows of the Premises without Landlord's prior written consent.",
    "The toilet rooms, urinals and wash bowls shall not be used for any purpose other than that for "
    "which they were constructed, and no foreign substance shall be thrown therein.",
    "Tenant shall not overload the floor of the Premises or mark, drive nails, screw or drill into the "
    "partitions, woodwork or plaster except as reasonably required for the hanging of artwork.",
    "No furniture, freight or equipment shall be brought into the Building without prior notice to "
    "Landlord, and all moving shall be done during such hours as Landlord may designate.",
    "Landlord shall have the right to prescribe the weight, size and position of all safes and other "
    "heavy equipment brought into the Building.",
    "Tenant shall not use or keep in the Premises any kerosene, gasoline or flammable or combustible "
    "fluid or material, other than limited quantities necessary for the operation of office equipment.",
    "Tenant shall not use any method of heating or air conditioning other than that supplied by "
    "Landlord, and shall cooperate with Landlord to assure the effective operation of the HVAC system.",
    "Landlord reserves the right to exclude from the Building between the hours of 6:00 p.m. and "
    "7:00 a.m. and at all hours on weekends and holidays all persons who do not present an access card.",
    "No cooking shall be done in the Premises, except that Tenant may use microwave ovens and coffee "
    "makers in a break room for the use of its employees.",
    "Tenant shall not canvass, solicit or peddle in the Building and shall cooperate to prevent the same.",
    "Tenant shall store all trash and garbage within the Premises and shall not place in any trash box "
    "or receptacle any material that may not be disposed of in the ordinary course of business.",
    "Bicycles and other vehicles shall not be permitted inside the Building or on the walkways outside "
    "the Building, except in areas designated by Landlord.",
    "Tenant shall comply with all safety, fire protection and evacuation procedures established by "
    "Landlord or any governmental agency, and shall participate in fire drills.",
    "Tenant assumes full responsibility for protecting the Premises from theft, robbery and pilferage, "
    "which includes keeping doors locked and other means of entry closed when not in use.",
    "No window coverings shall be installed other than Building-standard blinds, and no awnings shall "
    "be attached to the exterior of the Building.",
    "Smoking, including the use of electronic cigarettes, is prohibited in the Building and within "
    "twenty-five (25) feet of any entrance.",
    "Tenant shall not permit animals, other than service animals, to be brought into the Building.",
    "These Rules and Regulations are in addition to the terms of the Lease; in the event of a conflict "
    "the Lease shall control.",
]


def build_bench(out):
    """One commercial lease laid out to exactly 20 PDF pages."""
    seed = 424242
    rng = random.Random(seed)
    built = CM.office_bli(rng, 31)
    base = list(built.blocks)
    extra = [doc.pagebreak(), doc.heading("EXHIBIT C", align="center"),
             doc.heading("WORK LETTER", align="center")]
    wl = random.Random(seed + 1)
    for k in range(12):
        extra.append(doc.para(
            f"{wl.choice(RULES)} {wl.choice(RULES)}".replace("Rules and Regulations", "Work Letter"),
            lead=f"C.{k + 1}"))
    extra += [doc.pagebreak(), doc.heading("EXHIBIT D", align="center"),
              doc.heading("RULES AND REGULATIONS", align="center")]
    k = 0
    while True:
        blocks = base + extra
        pages, _, _ = Layout(built.pdf_style, seed).run(blocks)
        if len(pages) >= 20:
            break
        extra.append(doc.para(RULES[k % len(RULES)], lead=f"{k + 1}."))
        k += 1
    assert len(pages) == 20, len(pages)
    built.blocks = blocks
    data, pages, pl = PDF.render(built.blocks, built.pdf_style, seed, built.title, built.footer)
    assert pages == 20
    truth = lease_truth(built, "office-bli", "pdf", pages, pl)
    bench = os.path.join(out, "lease", "bench")
    write(os.path.join(bench, "lease-20-pages.pdf"), data)
    write(os.path.join(bench, "lease-20-pages.truth.json"), dump(truth))


def build_scan(out):
    d = os.path.join(out, "lease", "scans")
    write(os.path.join(d, "scan-1.pdf"), PDF.render_scan(3, 77))
    write(os.path.join(d, "scan-1.truth.json"), dump({"scan": True}))
