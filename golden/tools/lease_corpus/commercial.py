"""The commercial lease layouts: eight structurally different templates.

Each layout function takes (rng, budget) and returns a Built document: blocks, the deal, PDF and
text styles, footer. `budget` is how many boilerplate sections to include; the driver lowers it
until the PDF fits the page limit. Every block that states a truth value is tagged with it.
"""

from decimal import Decimal

from . import boilerplate as BP
from . import clauses as C
from . import deal as DL
from . import doc
from .clauses import TAG_RENT, Ctx, addr, party
from .words import (D, count_phrase, fmt_area, fmt_date, fmt_money, int_words, money_both,
                    ordinal, pct_text, title_words)


class Built:
    def __init__(self, blocks, d, pdf_style, footer, title, txt_style=None, docx_style=None):
        self.blocks, self.d, self.pdf_style, self.footer, self.title = (blocks, d, pdf_style,
                                                                        footer, title)
        self.txt_style = txt_style or {}
        self.docx_style = docx_style or {}


def footer_fn(kind, label=""):
    if kind == "pageof":
        return lambda p, t: [(306, 40, "F1", 9, f"Page {p} of {t}", "center")]
    if kind == "initials":
        return lambda p, t: [(72, 40, "F1", 8, "Landlord's Initials: ______   Tenant's Initials: ______",
                              "left"), (540, 40, "F1", 9, f"Page {p} of {t}", "right")]
    if kind == "docid":
        return lambda p, t: [(72, 40, "F3", 8, label, "left"), (540, 40, "F1", 9, str(p), "right")]
    if kind == "dash":
        return lambda p, t: [(306, 40, "F1", 9, f"- {p} -", "center")]
    if kind == "header":
        return lambda p, t: ([(540, 756, "F3", 8, label, "right")] if p > 1 else []) + [
            (306, 40, "F1", 9, f"Page {p} of {t}", "center")]
    raise ValueError(kind)


def txt_footer(kind):
    if kind == "pageof":
        return lambda p, t: f"Page {p} of {t}".center(78).rstrip()
    return lambda p, t: f"- {p} -".center(78).rstrip()


def boiler_blocks(c, keys, head_fn, para_kw=None):
    fmt = C.boiler_fmt(c)
    out = []
    for k, key in enumerate(keys):
        title, paras = BP.paragraphs(key, c.rng, **fmt)
        out += head_fn(k, title, paras)
    return out


def pick_boiler(c, budget, must=(), extra=()):
    keys = [k for k in BP.COMMON + list(extra) if k not in must]
    chosen = list(must)
    opt = [k for k in keys]
    c.rng.shuffle(opt)
    chosen += opt[:max(0, budget - len(chosen))]
    order = {k: i for i, k in enumerate(BP.COMMON + list(extra))}
    return sorted(set(chosen), key=lambda k: order.get(k, 99))


def state_label(d):
    return d.addr.state


def recovery_summary(c):
    d = c.d
    if d.recovery == "nnn":
        return c.pick("Triple Net (NNN)", "NNN; Tenant pays its Proportionate Share of Taxes, Insurance "
                      "and CAM", "Net of taxes, insurance and operating expenses"), ["recovery"]
    if d.recovery == "gross":
        return c.pick("Full Service Gross", "Gross (Operating Expenses and Taxes included in Base Rent)",
                      "Full service"), ["recovery"]
    if d.recovery == "modified_gross":
        return c.pick("Modified Gross", "Modified gross (Tenant pays electricity and janitorial)",
                      "Modified Gross - Tenant pays its own utilities"), ["recovery"]
    if d.stop is not None:
        return (f"{d.base_year} Base Year; Expense Stop of {fmt_money(d.stop)} per rentable square "
                f"foot", ["recovery", "expense_stop_psf"])
    return c.pick(f"{d.base_year} Base Year", f"Calendar year {d.base_year} (\"Base Year\")",
                  f"Base Year {d.base_year} (Operating Expenses and Taxes)"), ["recovery"]


def deposit_short(c):
    d = c.d
    if d.deposit_kind == "flat":
        return fmt_money(d.deposit)
    n = d.deposit_months
    return (f"An amount equal to {count_phrase(n) if c.words else n} month{'s' if n > 1 else ''} of "
            f"Base Rent")


def renewal_short(c):
    d = c.d
    n, m = d.renew_count, d.renew_months
    per = (f"{count_phrase(m // 12)} years" if d.renew_style == "years" else
           f"{count_phrase(m)} months")
    if n == 1:
        return c.pick(f"One (1) option of {per}", f"One renewal option of {per}")
    return c.pick(f"{title_words(int_words(n))} ({n}) options of {per} each",
                  f"{count_phrase(n).capitalize()} options to extend for {per} each")


def ti_short(c):
    d = c.d
    if d.ti_kind == "psf":
        return f"{fmt_money(d.ti_psf)} per rentable square foot"
    return fmt_money(d.ti_total)


def late_short(c):
    d = c.d
    if d.late_kind == "flat":
        return fmt_money(d.late)
    return f"{pct_text(d.late_pct, False)} of the overdue amount"


# ------------------------------------------------------------------------------------------------
# 1. office-bli: cover page, basic lease information table, articles, Exhibit B rent schedule
# ------------------------------------------------------------------------------------------------

def office_bli(rng, budget):
    d = DL.commercial(rng, "office")
    c = Ctx(rng, d, date_style=rng.choice(["long", "long", "numeric", "long_ord"]),
            words=rng.random() < 0.6, curly=rng.random() < 0.5)
    B = []
    B.append(doc.title("OFFICE LEASE", size=20, after=30))
    B.append(doc.para(d.building.upper(), align="center", bold=True, before=40))
    B.append(doc.para(addr(d), align="center", tags=["premises_address"]))
    B.append(doc.para(f"LANDLORD: {d.landlord}", align="center", before=40, tags=["landlord"]))
    B.append(doc.para(f"TENANT: {d.tenant}", align="center", tags=["tenant"]))
    B.append(doc.para(f"Dated as of {c.date(d.execution)}", align="center", before=30))
    B.append(doc.pagebreak())
    B.append(doc.para(C.preamble(c, "OFFICE LEASE"), tags=["landlord", "tenant"]))
    B.append(doc.heading("ARTICLE 1", align="center"))
    B.append(doc.heading("BASIC LEASE INFORMATION", align="center"))
    B.append(doc.para(f"The following basic lease information (the \"Basic Lease Information\") is "
                      f"incorporated into and made a part of this Lease. In the event of any conflict "
                      f"between the Basic Lease Information and the balance of this Lease, the latter "
                      f"shall control."))
    rows, tags = [], []
    n = [0]

    def item(label, value, t=()):
        n[0] += 1
        rows.append([f"1.{n[0]}", label, value])
        tags.append(list(t))
    item("Building:", f"{d.building}, {addr(d)}", ["premises_address"])
    if d.suite:
        item("Premises:", f"Suite {d.suite}, located on the {ordinal(d.floor)} floor of the Building",
             ["suite"])
    else:
        item("Premises:", f"The entire {ordinal(d.floor or 2)} floor of the Building")
    if d.area:
        item("Rentable Area:", c.pick(f"{fmt_area(d.area)} RSF", f"{fmt_area(d.area)} rentable square feet",
                                      f"Approximately {fmt_area(d.area)} rentable square feet"),
             ["area_sf"])
    show_exp = rng.random() < 0.7
    item("Term:", C.term_phrase(c), ["term_months"] + ([] if show_exp else ["expiration"]))
    item("Commencement Date:", c.date(d.commencement), ["commencement"])
    if show_exp:
        item("Expiration Date:", c.date(d.expiration), ["expiration"])
    rent_in_bli = rng.random() < 0.5
    if rent_in_bli:
        p0 = d.schedule[0]
        val = (f"{fmt_money(p0.psf)}/RSF/yr; {fmt_money(p0.annual)} annually; {fmt_money(p0.monthly)} "
               f"monthly" if p0.psf is not None else f"{fmt_money(p0.annual)} annually; "
               f"{fmt_money(p0.monthly)} monthly") + "; subject to adjustment per Exhibit B"
        item("Base Rent (Lease Year 1):", val, TAG_RENT)
    else:
        item("Base Rent:", "As set forth in the Base Rent Schedule attached as Exhibit B")
    if d.free:
        item("Abated Rent:", f"Base Rent for the first {count_phrase(d.free)} full months of the Term "
                             f"(see Section 4.3)", ["free_rent_months"])
    rs, rt = recovery_summary(c)
    item("Operating Expenses:", rs, rt)
    if d.share_pct:
        item("Tenant's Share:", f"{d.share_pct}%")
    if d.deposit_kind:
        item("Security Deposit:", deposit_short(c), ["security_deposit"])
    if d.ti_kind:
        item("Tenant Improvement Allowance:", ti_short(c), ["ti_allowance_psf"])
    if d.renew_count:
        item("Renewal Option(s):", renewal_short(c), ["renewal_option_count", "renewal_term_months"])
    item("Parking:", f"{count_phrase(d.parking[0]).capitalize()} unreserved spaces at "
                     f"{fmt_money(d.parking[1])} per space per month")
    item("Brokers:", f"{d.brokers[0]} (Landlord); {d.brokers[1]} (Tenant)")
    if d.guarantor:
        item("Guarantor:", d.guarantor)
    item("Landlord's Address for Notices:", C.notice_addr(d))
    item("Tenant's Address for Notices:", "The Premises, Attention: Office Manager")
    if rng.random() < 0.5:
        B.append(doc.table(rows, [34, 150, 284], ["l", "l", "l"], header=0, row_tags=tags,
                           grid=rng.random() < 0.5, size=9.5))
    else:
        B.append(doc.kv([(f"{r[0]}  {r[1]}", r[2]) for r in rows], row_tags=tags, label_w=190))
    arts = []

    def article(title, paras):
        k = len(arts) + 2
        arts.append(title)
        out = [doc.heading(f"ARTICLE {k}", align="center", before=8),
               doc.heading(title.upper(), align="center")]
        for j, (text, t) in enumerate(paras, 1):
            out.append(doc.para(text, lead=f"{k}.{j}", tags=t))
        return out
    B += article("Premises", [
        (f"{c.L} hereby leases to {c.T}, and {c.T} hereby leases from {c.L}, the Premises described "
         f"in the Basic Lease Information, located in the Building at {addr(d)}"
         + (f", containing {fmt_area(d.area)} rentable square feet" if d.area else "") + ".",
         ["premises_address"] + (["area_sf"] if d.area else [])),
        (f"The rentable area of the Premises has been measured in accordance with the BOMA standard "
         f"and is not subject to remeasurement during the Term. {c.T} accepts the Premises in their "
         f"\"AS IS\" condition, except for the Tenant Improvements.", [])])
    term_paras = [(f"The Term of this Lease shall be {C.term_phrase(c)}, commencing on "
                   f"{c.date(d.commencement)} (the \"Commencement Date\") and ending on "
                   f"{c.date(d.expiration)} (the \"Expiration Date\"), unless sooner terminated.",
                   ["commencement", "expiration", "term_months"])]
    term_paras += C.distractor_paras(c)
    B += article("Term", term_paras)
    rent_paras = [(f"{c.T} shall pay Base Rent in the amounts set forth in Exhibit B, in monthly "
                   f"installments in advance on the first day of each calendar month, without demand, "
                   f"deduction or setoff. " + C.rent_sentence(c), TAG_RENT)]
    if d.esc != "none" or rng.random() < 0.5:
        rent_paras.append((C.escalation_sentence(c), ["escalation_pct"]))
    if d.free:
        rent_paras.append((C.abatement_sentence(c), ["free_rent_months"]))
    if d.late_kind:
        rent_paras.append((C.late_sentence(c) + " " + C.interest_sentence(c), ["late_fee"]))
    B += article("Rent", rent_paras)
    B += article("Operating Expenses and Taxes", C.recovery_sentences(c) + [
        (f"{c.L} shall deliver to {c.T} within one hundred twenty (120) days after the end of each "
         f"calendar year a statement of the actual Operating Expenses for such year, and the parties "
         f"shall promptly reconcile any overpayment or underpayment.", [])])
    if d.deposit_kind:
        B += article("Security Deposit", [(C.deposit_sentence(c), ["security_deposit"]), (
            f"{c.L} may apply the Security Deposit to cure any default, and {c.T} shall restore the "
            f"amount so applied within five (5) days after demand. The unapplied balance shall be "
            f"returned within sixty (60) days after the expiration of the Term.", [])])
    if d.ti_kind:
        B += article("Tenant Improvements", [(C.ti_sentence(c), ["ti_allowance_psf"]), (
            f"The Tenant Improvements shall be constructed in accordance with the Work Letter attached "
            f"as Exhibit C. {c.T} shall be responsible for any costs in excess of the allowance.", [])])
    if d.renew_count:
        B += article("Option to Extend", [(C.renewal_sentence(c),
                                           ["renewal_option_count", "renewal_term_months"])])
    if d.guarantor:
        B += article("Guaranty", [(C.guaranty_para(c), [])])

    def head(k, title, paras):
        return article(title, [(p, []) for p in paras])
    B += boiler_blocks(c, pick_boiler(c, budget, must=["default", "insurance"]), head)
    B += article("Notices", [(C.notice_para(c), [])])
    B += C.signature_blocks(c)
    B.append(doc.pagebreak())
    B.append(doc.heading("EXHIBIT A", align="center"))
    B.append(doc.heading("OUTLINE OF PREMISES", align="center"))
    B.append(doc.para("[Floor plan depicting the Premises intentionally omitted from this copy.]",
                      align="center", italic=True))
    B.append(doc.pagebreak())
    B.append(doc.heading("EXHIBIT B", align="center"))
    B.append(doc.heading("BASE RENT SCHEDULE", align="center"))
    with_psf = d.area is not None
    hdr = ["Period"] + (["Annual Rate/RSF"] if with_psf else []) + ["Monthly Installment",
                                                                     "Annual Base Rent"]
    rows = [hdr] + C.sched_rows(c, "months", with_psf)
    widths = [130, 100, 118, 120] if with_psf else [170, 149, 149]
    B.append(doc.table(rows, widths, ["l"] + ["r"] * (len(hdr) - 1), header=1,
                       row_tags=[[]] + [TAG_RENT + ["escalation_pct"]] * (len(rows) - 1)))
    if d.free:
        B.append(doc.para(f"* Base Rent for the first {count_phrase(d.free)} months of the Term is "
                          f"abated as provided in Section 4.3; the amounts above are stated before "
                          f"abatement.", italic=True, size=9, tags=["free_rent_months"]))
    pdf_style = dict(size=rng.choice([10, 10.5]), leading=rng.choice([12.5, 13]),
                     justify=rng.random() < 0.5, kern=rng.random() < 0.3)
    pdf_style["leading"] = pdf_style["size"] * 1.25
    if c.curly:
        C.curlify(B)
    return Built(B, d, pdf_style, footer_fn(rng.choice(["pageof", "initials"])),
                 f"Office Lease - {d.building}",
                 txt_style=dict(upper_headings=False, heading_align="center"),
                 docx_style=dict(justify=pdf_style["justify"], footer_text=f"{d.building} Lease"
                                 if rng.random() < 0.5 else None))


# ------------------------------------------------------------------------------------------------
# 2. office-narrative: numbered prose sections with bold lead-ins, no summary, no table
# ------------------------------------------------------------------------------------------------

def office_narrative(rng, budget):
    d = DL.commercial(rng, rng.choice(["office", "office", "flex"]),
                      {"bases": ["psf", "monthly"] if rng.random() < 0.7 else ["psf", "monthly",
                                                                               "annual"]})
    if d.basis == "annual" and d.esc == "pct":
        d.basis = "monthly"
    c = Ctx(rng, d, date_style=rng.choice(["long", "dayof", "long"]), words=True,
            curly=rng.random() < 0.5)
    B = [doc.title(rng.choice(["LEASE AGREEMENT", "LEASE", "OFFICE LEASE AGREEMENT"]))]
    B.append(doc.para(C.preamble(c, "LEASE AGREEMENT"), tags=["landlord", "tenant"]))
    sec = [0]

    def S(title, text, t=()):
        sec[0] += 1
        return doc.para(text, lead=f"{sec[0]}. {title}.", tags=t)
    prem = (f"{c.L} hereby leases to {c.T}, and {c.T} hereby leases from {c.L}, "
            + (f"approximately {fmt_area(d.area)} rentable square feet of space " if d.area else
               "that certain space ")
            + (f"known as Suite {d.suite} " if d.suite else "")
            + f"(the \"Premises\") in the building located at {addr(d)} (the \"Building\").")
    ptags = ["premises_address"] + (["area_sf"] if d.area else []) + (["suite"] if d.suite else [])
    B.append(S("Premises", prem, ptags))
    v = rng.randrange(3)
    if v == 0:
        t = (f"The term of this Lease shall be {C.term_phrase(c)} (the \"Term\"), commencing on "
             f"{c.date(d.commencement)} (the \"Commencement Date\") and ending on "
             f"{c.date(d.expiration)}, unless sooner terminated as provided herein.")
        tt = ["term_months", "commencement", "expiration"]
    elif v == 1:
        t = (f"The Commencement Date shall be the {fmt_date(d.commencement, 'dayof')}. The Term shall "
             f"be for a period of {C.term_phrase(c)} from the Commencement Date, expiring on the last "
             f"day of the {ordinal(d.term)} full calendar month thereafter (the \"Expiration Date\").")
        if d.commencement.day != 1:
            t = (f"The Commencement Date shall be the {fmt_date(d.commencement, 'dayof')}. The Term "
                 f"shall be for a period of {C.term_phrase(c)} from the Commencement Date.")
        tt = ["term_months", "commencement", "expiration"]
    else:
        t = (f"This Lease shall be for a term of {C.term_phrase(c)}, commencing on "
             f"{c.date(d.commencement)}.")
        tt = ["term_months", "commencement", "expiration"]
    B.append(S("Term", t, tt))
    for text, _ in C.distractor_paras(c):
        B.append(doc.para(text, indent=18))
    B.append(S("Base Rent", C.rent_sentence(c) + " Rent for any partial month shall be prorated.",
               TAG_RENT))
    B.append(doc.para(C.escalation_sentence(c), indent=18, tags=["escalation_pct"]))
    if d.free:
        B.append(doc.para(C.abatement_sentence(c), indent=18, tags=["free_rent_months"]))
    rec = C.recovery_sentences(c)
    B.append(S(c.pick("Operating Expenses", "Additional Rent", "Expenses"), rec[0][0], rec[0][1]))
    for text, t in rec[1:]:
        B.append(doc.para(text, indent=18, tags=t))
    if d.deposit_kind:
        B.append(S("Security Deposit", C.deposit_sentence(c), ["security_deposit"]))
    if d.late_kind:
        B.append(S("Late Charges", C.late_sentence(c), ["late_fee"]))
    if d.ti_kind:
        B.append(S("Improvements", C.ti_sentence(c), ["ti_allowance_psf"]))
    if d.renew_count:
        B.append(S("Renewal", C.renewal_sentence(c), ["renewal_option_count",
                                                      "renewal_term_months"]))
    if d.guarantor:
        B.append(S("Guaranty", C.guaranty_para(c)))

    def head(k, title, paras):
        out = [S(title, paras[0])]
        out += [doc.para(p, indent=18) for p in paras[1:]]
        return out
    B += boiler_blocks(c, pick_boiler(c, budget), head)
    B.append(S("Notices", C.notice_para(c)))
    B += C.signature_blocks(c)
    st = dict(size=rng.choice([10, 11]), justify=True, first_indent=0, kern=rng.random() < 0.4,
              td=True)
    st["leading"] = st["size"] * 1.3
    if c.curly:
        C.curlify(B)
    return Built(B, d, st, footer_fn(rng.choice(["pageof", "dash", "initials"])), "Lease Agreement",
                 txt_style=dict(), docx_style=dict(justify=True, font="Times New Roman"))


# ------------------------------------------------------------------------------------------------
# 3. retail-fundamental: shopping-center lease, Article I fundamental provisions (lettered),
#    Lease Year minimum rent table, NNN/CAM, percentage rent distractor, Roman articles
# ------------------------------------------------------------------------------------------------

def retail_fundamental(rng, budget):
    d = DL.commercial(rng, "retail", {"area": True, "suite": True})
    if d.commencement.day != 1:
        d.commencement = d.commencement.replace(day=1)
        d.expiration = DL.period_end(d.commencement, d.term)
        DL.build_schedule(d)
    c = Ctx(rng, d, date_style=rng.choice(["long", "numeric"]), words=rng.random() < 0.5,
            curly=rng.random() < 0.3)
    center = f"{d.building.split()[0]} {rng.choice(['Marketplace', 'Town Center', 'Shopping Center', 'Crossing', 'Village'])}"
    B = [doc.title(rng.choice(["SHOPPING CENTER LEASE", "RETAIL LEASE", "LEASE"]) + "\n" + center,
                   size=15)]
    B.append(doc.heading("ARTICLE I", align="center"))
    B.append(doc.heading("FUNDAMENTAL LEASE PROVISIONS AND DEFINITIONS", align="center"))
    B.append(doc.para("Section 1.01. The following fundamental lease provisions are an integral part of "
                      "this Lease and each reference in this Lease to any of them shall be construed to "
                      "incorporate all of the terms provided under each such provision."))
    items = []
    L = "abcdefghijklmnopqrstuvwxyz"
    letter = [0]

    def it(label, text, t=()):
        k = letter[0]
        letter[0] += 1
        items.append(doc.para(text, lead=f"({L[k]}) {label}:", indent=18, tags=t, after=3))
    it("Date of Lease", c.date(d.execution))
    it("Landlord", party(c, "L"), ["landlord"])
    it("Landlord's Address", C.notice_addr(d))
    it("Tenant", party(c, "T"), ["tenant"])
    if d.dba:
        it("Tenant's Trade Name", d.dba)
    it("Shopping Center", f"{center}, located at {addr(d)}", ["premises_address"])
    it("Premises", f"Space No. {d.suite} in the Shopping Center, containing approximately "
                   f"{fmt_area(d.area)} square feet of Floor Area", ["suite", "area_sf"])
    exp_listed = rng.random() < 0.6
    it("Term", C.term_phrase(c, rng.choice(["years", "months"])) + " commencing on the Commencement Date"
       + (f" and expiring {c.date(d.expiration)}" if exp_listed else ""),
       ["term_months", "expiration"])
    it("Commencement Date", c.date(d.commencement), ["commencement"])
    it("Minimum Rent", "Payable in monthly installments as follows:", [])
    B += items
    rows = [["Lease Year", "Annual Minimum Rent", "Monthly Installment", "Per Sq. Ft."]]
    d.table_printed = True
    for p in d.schedule:
        lab = f"Year {p.year}" if c.words else str(p.year)
        if p.b - p.a < 11:
            lab += f" (months {p.a}-{p.b})"
        rows.append([lab, fmt_money(p.annual), fmt_money(p.monthly), fmt_money(p.psf)])
    B.append(doc.table(rows, [110, 130, 130, 80], ["l", "r", "r", "r"], indent=36,
                       row_tags=[[]] + [TAG_RENT + ["escalation_pct"]] * (len(rows) - 1)))
    items = []
    if d.free:
        it("Rent Abatement", C.abatement_sentence(c), ["free_rent_months"])
    it("Percentage Rent", f"{pct_text(D(rng.choice([5, 6, 7, 8])) / 100, c.words)} of Gross Sales in "
                          f"excess of the Breakpoint of {fmt_money(d.annual / Decimal('0.06'))} per "
                          f"Lease Year")
    if d.recovery == "nnn":
        it("Additional Rent", f"Tenant's Pro Rata Share ({d.share_pct}%) of Common Area Maintenance "
           f"Costs, Real Estate Taxes and Insurance Costs (this is a triple net lease). Estimated first "
           f"year CAM, taxes and insurance: {fmt_money(d.opex_estimate)} per square foot per annum.",
           ["recovery"])
    else:
        rs, rt = recovery_summary(c)
        it("Additional Rent", rs, rt)
    if d.deposit_kind:
        it("Security Deposit", deposit_short(c), ["security_deposit"])
    it("Permitted Use", rng.choice(["Retail sale of specialty coffee, tea and pastries",
                                    "A full-service hair salon and the sale of related products",
                                    "Retail sale of mattresses and bedding",
                                    "Quick-service restaurant", "Dental office"]))
    if d.ti_kind:
        it("Tenant Allowance", ti_short(c), ["ti_allowance_psf"])
    if d.renew_count:
        it("Option Periods", renewal_short(c), ["renewal_option_count", "renewal_term_months"])
    if d.guarantor:
        it("Guarantor", d.guarantor)
    it("Brokers", f"{d.brokers[0]} and {d.brokers[1]}")
    B += items
    arts = [1]

    def article(title, paras):
        arts[0] += 1
        k = arts[0]
        out = [doc.heading(f"ARTICLE {C.roman(k)}", align="center", before=8),
               doc.heading(title.upper(), align="center")]
        for j, (text, t) in enumerate(paras, 1):
            out.append(doc.para(text, lead=f"Section {k}.{j:02d}.", tags=t))
        return out
    B += article("Term", [(f"The Term shall commence on the Commencement Date and, unless sooner "
                           f"terminated, shall end on the last day of the {ordinal(d.term // 12) if d.term % 12 == 0 else ordinal(d.term)} "
                           f"{'Lease Year' if d.term % 12 == 0 else 'full calendar month of the Term'}"
                           f". The first \"Lease Year\" shall be the twelve (12) month period beginning "
                           f"on the Commencement Date.", [])] + C.distractor_paras(c))
    rp = [(f"Tenant shall pay Minimum Rent in the amounts set forth in Section 1.01, in advance on the "
           f"first day of each month. " + C.rent_sentence(c), TAG_RENT)]
    if d.esc != "none" and rng.random() < 0.5:
        rp.append((C.escalation_sentence(c), ["escalation_pct"]))
    if d.late_kind:
        rp.append((C.late_sentence(c), ["late_fee"]))
    rp.append((f"Tenant shall furnish to Landlord within twenty (20) days after the end of each month a "
               f"statement of Gross Sales for such month, and within sixty (60) days after each Lease "
               f"Year an annual statement certified by Tenant's chief financial officer.", []))
    B += article("Rent", rp)
    B += article("Common Areas and Additional Rent", [(t, tg) for t, tg in C.recovery_sentences(c)] + [
        (f"Landlord may include in Common Area Maintenance Costs an administrative fee equal to fifteen "
         f"percent (15%) of such costs, excluding taxes and insurance.", [])])
    if d.deposit_kind:
        B += article("Security Deposit", [(C.deposit_sentence(c), ["security_deposit"])])
    if d.renew_count:
        B += article("Options to Extend", [(C.renewal_sentence(c), ["renewal_option_count",
                                                                     "renewal_term_months"])])
    if d.ti_kind:
        B += article("Landlord's Work and Tenant Allowance", [(C.ti_sentence(c),
                                                                ["ti_allowance_psf"])])

    def head(k, title, paras):
        return article(title, [(p, []) for p in paras])
    B += boiler_blocks(c, pick_boiler(c, budget, must=["radius"], extra=["radius"]), head)
    B += article("Notices", [(C.notice_para(c), [])])
    B += C.signature_blocks(c)
    st = dict(size=10, leading=12.5, justify=rng.random() < 0.6, heading_upper=True)
    if c.curly:
        C.curlify(B)
    return Built(B, d, st, footer_fn("docid", f"{center} - {d.tenant}"), f"Retail Lease - {center}",
                 txt_style=dict(heading_align="center"), docx_style=dict(justify=st["justify"]))


# ------------------------------------------------------------------------------------------------
# 4. industrial-basic-provisions: AIR-style "Basic Provisions" 1.1..1.12, Lessor/Lessee,
#    date-range rent adjustments in an addendum paragraph
# ------------------------------------------------------------------------------------------------

def industrial_basic(rng, budget):
    d = DL.commercial(rng, "industrial", {"bases": ["monthly", "monthly", "psf"]})
    # The Basic Provisions spell the state out ("State of Iowa"), so the truth does too.
    d.addr.state = d.addr.state_full
    c = Ctx(rng, d, L="Lessor", T="Lessee", date_style=rng.choice(["long", "numeric", "slash4"]),
            words=rng.random() < 0.3, curly=False)
    B = [doc.title(rng.choice(["STANDARD INDUSTRIAL/COMMERCIAL SINGLE-TENANT LEASE - NET",
                               "INDUSTRIAL LEASE (NET)", "MULTI-TENANT INDUSTRIAL LEASE - NET"]),
                   size=13)]
    B.append(doc.heading("1. Basic Provisions (\"Basic Provisions\")."))
    bp = []

    def P(num, label, text, t=()):
        bp.append(doc.para(text, lead=f"1.{num} {label}:", tags=t, indent=12))
    P(1, "Parties", f"This Lease (\"Lease\"), dated for reference purposes only {c.date(d.execution)}, "
                    f"is made by and between {party(c, 'L')} (\"Lessor\") and {party(c, 'T')} "
                    f"(\"Lessee\"), (collectively the \"Parties\", or individually a \"Party\").",
      ["landlord", "tenant"])
    unit = f", Unit {d.suite}" if d.suite else ""
    P(2, "Premises", f"That certain real property, including all improvements therein, commonly known "
                     f"by the street address of {d.addr.number} {d.addr.street}{unit}, located in the "
                     f"City of {d.addr.city}, County of {rng.choice(['Washoe', 'Maricopa', 'Harris', 'Dallas', 'Denver', 'Travis', 'Orange'])}, "
                     f"State of {d.addr.state_full}, with zip code {d.addr.zip}"
      + (f", consisting of approximately {fmt_area(d.area)} square feet" if d.area else "")
      + " (\"Premises\").", ["premises_address"] + (["suite"] if d.suite else [])
      + (["area_sf"] if d.area else []))
    P(3, "Parking", f"{d.parking[0]} unreserved vehicle parking spaces at no additional charge.")
    yrs = d.term // 12
    mos = d.term % 12
    P(4, "Term", f"{yrs} years and {mos} months (\"Original Term\") commencing "
                 f"{c.date(d.commencement)} (\"Commencement Date\") and ending {c.date(d.expiration)} "
                 f"(\"Expiration Date\").", ["term_months", "commencement", "expiration"])
    P(5, "Early Possession", f"If the Premises are available Lessee may have non-exclusive possession of "
                             f"the Premises commencing {c.date(DL.add_months(d.commencement, -1))} "
                             f"(\"Early Possession Date\").")
    if d.basis == "psf":
        rent = (f"{fmt_money(d.monthly)} per month (\"Base Rent\"), being {fmt_money(d.psf)} per square "
                f"foot per year, payable on the first day of each month commencing "
                f"{c.date(d.commencement)}.")
    else:
        rent = (f"{fmt_money(d.monthly)} per month (\"Base Rent\"), payable on the first day of each month "
                f"commencing {c.date(DL.add_months(d.commencement, d.free or 0))}.")
    adj = d.esc != "none"
    rent += (" [X] If this box is checked, there are provisions in this Lease for the Base Rent to be "
             "adjusted. See Paragraph 50." if adj else " [ ] If this box is checked, there are "
             "provisions in this Lease for the Base Rent to be adjusted.")
    P(6, "Base Rent", rent, TAG_RENT)
    first = d.monthly
    dep = d.deposit or D(0)
    P(7, "Base Rent and Other Monies Paid Upon Execution",
      f"(a) Base Rent: {fmt_money(first)} for the period {fmt_date(d.commencement, 'slash4')} - "
      f"{fmt_date(DL.period_end(d.commencement, 1), 'slash4')}. (b) Security Deposit: "
      f"{fmt_money(dep) if d.deposit_kind else 'None'}"
      f" (\"Security Deposit\"). (c) Association Fees: $0.00. (d) Other: {fmt_money(d.opex_estimate * d.area / 12 if d.opex_estimate else D(350))} "
      f"for estimated monthly Operating Expenses. (e) Total Due Upon Execution of this Lease: "
      f"{fmt_money(first + dep + (d.opex_estimate * d.area / 12 if d.opex_estimate else D(350)))}.",
      ["security_deposit"] if d.deposit_kind else [])
    P(8, "Agreed Use", "Warehousing, distribution, light manufacturing and ancillary office use.")
    P(9, "Insuring Party", "Lessor is the \"Insuring Party\" unless otherwise stated herein.")
    P(10, "Real Estate Brokers", f"The following real estate brokers (the \"Brokers\") and brokerage "
                                 f"relationships exist: {d.brokers[0]} represents Lessor exclusively; "
                                 f"{d.brokers[1]} represents Lessee exclusively.")
    P(11, "Guarantor", f"The obligations of the Lessee under this Lease are to be guaranteed by "
                       f"{d.guarantor} (\"Guarantor\")." if d.guarantor else
      "The obligations of the Lessee under this Lease are not guaranteed.")
    P(12, "Attachments", "Attached hereto are the following, all of which constitute a part of this "
                         "Lease: an Addendum consisting of Paragraphs 50 through "
                         f"{50 + 4}; a plot plan depicting the Premises; and the Rules and Regulations.")
    B += bp
    para_no = [1]

    def para(title, texts):
        para_no[0] += 1
        k = para_no[0]
        out = [doc.heading(f"{k}. {title}.", size=10.5)]
        for j, (text, t) in enumerate(texts, 1):
            out.append(doc.para(text, lead=f"{k}.{j}" if len(texts) > 1 else "", tags=t))
        return out
    B += para("Premises", [(f"Lessor hereby leases to Lessee, and Lessee hereby leases from Lessor, the "
                            f"Premises, for the term, at the rental, and upon all of the terms, covenants "
                            f"and conditions set forth in this Lease. While the approximate square "
                            f"footage of the Premises may have been used in the marketing of the Premises, "
                            f"the Base Rent stated herein is NOT tied to square footage and is not subject "
                            f"to revision whether or not the actual size is more or less.", [])])
    B += para("Term", [(t, []) for t, _ in C.distractor_paras(c)] or [("See Paragraph 1.4.", [])])
    rent_texts = [(f"Lessee shall cause payment of Base Rent and other rent or charges to be received by "
                   f"Lessor in lawful money of the United States, without offset or deduction, on or "
                   f"before the day on which it is due.", [])]
    if d.recovery == "nnn":
        rent_texts.append((f"This Lease is a \"net\" lease. Lessee shall pay to Lessor, as additional "
                           f"rent, Lessee's share ({d.share_pct}%) of all Common Area Operating "
                           f"Expenses, Real Property Taxes and the premiums for insurance maintained by "
                           f"Lessor, so that the Base Rent is net of taxes, insurance and operating "
                           f"expenses.", ["recovery"]))
    else:
        rent_texts += C.recovery_sentences(c)
    B += para("Rent", rent_texts)
    if d.deposit_kind:
        B += para("Security Deposit", [(C.deposit_sentence(c), ["security_deposit"])])
    if d.late_kind:
        B += para("Late Charges", [(C.late_sentence(c) + " " + C.interest_sentence(c),
                                    ["late_fee"])])

    def head(k, title, paras):
        return para(title, [(p, []) for p in paras])
    B += boiler_blocks(c, pick_boiler(c, budget, must=["holdover"], extra=["industrial_ops"]), head)
    B += para("Notices", [(C.notice_para(c), [])])
    B += C.signature_blocks(c)
    B.append(doc.pagebreak())
    B.append(doc.heading("ADDENDUM TO LEASE", align="center"))
    B.append(doc.para(f"Lessor: {d.landlord}    Lessee: {d.tenant}    Premises: {d.addr.number} "
                      f"{d.addr.street}{unit}", size=9))
    add = []
    if adj:
        add.append(doc.para("Base Rent shall be adjusted as follows:", lead="50. Rent Adjustments.",
                            tags=["escalation_pct"] if d.esc == "pct" and False else []))
        ds = rng.choice(["short", "slash4", "numeric"])
        rows = [["Period", "Monthly Base Rent"]]
        d.table_printed = True
        for p in d.schedule:
            rows.append([f"{fmt_date(p.start, ds)} - {fmt_date(p.end, ds)}", fmt_money(p.monthly)])
        add.append(doc.table(rows, [220, 140], ["l", "r"], indent=36, rules=rng.random() < 0.5,
                             row_tags=[[]] + [TAG_RENT + ["escalation_pct"]] * (len(rows) - 1)))
        if rng.random() < 0.5:
            add.append(doc.para(C.escalation_sentence(c), indent=36, tags=["escalation_pct"]))
    else:
        add.append(doc.para(C.escalation_sentence(c), lead="50. Base Rent.", tags=[]))
    if d.free:
        add.append(doc.para(C.abatement_sentence(c), lead="51. Rent Abatement.",
                            tags=["free_rent_months"]))
    if d.renew_count:
        add.append(doc.para(C.renewal_sentence(c), lead="52. Option to Extend.",
                            tags=["renewal_option_count", "renewal_term_months"]))
    if d.ti_kind:
        add.append(doc.para(C.ti_sentence(c), lead="53. Tenant Improvements.",
                            tags=["ti_allowance_psf"]))
    add.append(doc.para(f"Lessee shall, at its sole cost, maintain a service contract for the HVAC "
                        f"system with a contractor approved by Lessor, with quarterly maintenance.",
                        lead="54. HVAC Maintenance."))
    B += add
    st = dict(size=9.5, leading=11.5, justify=False, heading_size=10.5)
    if c.curly:
        C.curlify(B)
    return Built(B, d, st, footer_fn("initials"), "Industrial Lease",
                 txt_style=dict(), docx_style=dict(font="Arial", size=9.5))


# ------------------------------------------------------------------------------------------------
# 5. medical-summary-grid: 4-column summary grid, numbered sections, rent Schedule 1
# ------------------------------------------------------------------------------------------------

def medical_grid(rng, budget):
    d = DL.commercial(rng, "medical", {"area": True, "suite": True, "bases": ["psf"]})
    c = Ctx(rng, d, date_style=rng.choice(["numeric", "numeric", "long"]), words=False,
            curly=rng.random() < 0.3)
    B = [doc.title("MEDICAL OFFICE BUILDING LEASE")]
    B.append(doc.para(d.building, align="center", bold=True))
    B.append(doc.heading("SUMMARY OF BASIC LEASE TERMS", align="center", before=10))
    ds = c.ds
    rows = [["Landlord", d.landlord, "Tenant", d.tenant + (f" d/b/a {d.dba}" if d.dba else "")],
            ["Building Address", addr(d), "Suite", d.suite],
            ["Rentable Area", f"{fmt_area(d.area)} RSF", "Lease Date", fmt_date(d.execution, ds)],
            ["Commencement", fmt_date(d.commencement, ds), "Expiration", fmt_date(d.expiration, ds)],
            ["Term", f"{d.term} months", "Base Rent (Yr 1)", f"{fmt_money(d.psf)}/RSF/yr"],
            ["Annual Escalation", (f"{pct_text(d.esc_pct, False)}" if d.esc == "pct" else
                                   (f"{fmt_money(d.step[1])}/RSF/yr" if d.esc == "fixed" else "None")),
             "Monthly Rent (Yr 1)", fmt_money(d.monthly)]]
    tags = [["landlord", "tenant"], ["premises_address", "suite"], ["area_sf"],
            ["commencement", "expiration"], ["term_months"] + TAG_RENT, ["escalation_pct"] + TAG_RENT]
    rs, rt = recovery_summary(c)
    r7 = ["Expense Basis", rs, "Security Deposit", deposit_short(c) if d.deposit_kind else "None"]
    rows.append(r7)
    tags.append(rt + (["security_deposit"] if d.deposit_kind else []))
    rows.append(["Late Charge", late_short(c) if d.late_kind else "None",
                 "Abated Rent", f"Months 1-{d.free}" if d.free else "None"])
    tags.append((["late_fee"] if d.late_kind else []) + (["free_rent_months"] if d.free else []))
    rows.append(["TI Allowance", ti_short(c) if d.ti_kind else "None (as-is)", "Renewal",
                 renewal_short(c) if d.renew_count else "None"])
    tags.append((["ti_allowance_psf"] if d.ti_kind else []) +
                (["renewal_option_count", "renewal_term_months"] if d.renew_count else []))
    rows.append(["Permitted Use", "Medical office", "Guarantor", d.guarantor or "N/A"])
    tags.append([])
    B.append(doc.table(rows, [88, 146, 88, 146], ["l"] * 4, header=0, row_tags=tags, grid=True,
                       size=9, font="F1"))
    B.append(doc.para("If there is any conflict between this Summary and the Lease provisions that "
                      "follow, the Lease provisions control.", italic=True, size=9))
    B.append(doc.pagebreak() if rng.random() < 0.5 else doc.spacer(10))
    B.append(doc.para(C.preamble(c, "MEDICAL OFFICE LEASE"), tags=["landlord", "tenant"]))
    sec = [0]

    def S(title, paras):
        sec[0] += 1
        out = [doc.heading(f"Section {sec[0]}. {title}")]
        for text, t in paras:
            out.append(doc.para(text, tags=t))
        return out
    B += S("Premises", [(f"Landlord leases to Tenant Suite {d.suite} of the medical office building "
                         f"located at {addr(d)}, containing {fmt_area(d.area)} rentable square feet, "
                         f"for the Term and on the conditions of this Lease.",
                         ["suite", "premises_address", "area_sf"])])
    B += S("Term", [(f"The Term is {d.term} months, beginning on the Commencement Date of "
                     f"{fmt_date(d.commencement, ds)} and ending on {fmt_date(d.expiration, ds)}.",
                     ["term_months", "commencement", "expiration"])] + C.distractor_paras(c))
    rp = [(C.rent_sentence(c) + " Base Rent for each Lease Year is set out in Schedule 1.", TAG_RENT)]
    rp.append((C.escalation_sentence(c), ["escalation_pct"]))
    if d.free:
        rp.append((C.abatement_sentence(c), ["free_rent_months"]))
    if d.late_kind:
        rp.append((C.late_sentence(c), ["late_fee"]))
    B += S("Rent", rp)
    B += S("Operating Expenses", C.recovery_sentences(c))
    if d.deposit_kind:
        B += S("Security Deposit", [(C.deposit_sentence(c), ["security_deposit"])])
    if d.ti_kind:
        B += S("Tenant Improvements", [(C.ti_sentence(c), ["ti_allowance_psf"])])
    if d.renew_count:
        B += S("Renewal Option", [(C.renewal_sentence(c), ["renewal_option_count",
                                                            "renewal_term_months"])])

    def head(k, title, paras):
        return S(title, [(p, []) for p in paras])
    B += boiler_blocks(c, pick_boiler(c, budget, must=["medical"], extra=["medical"]), head)
    B += S("Notices", [(C.notice_para(c), [])])
    B += C.signature_blocks(c)
    B.append(doc.pagebreak())
    B.append(doc.heading("SCHEDULE 1 - BASE RENT", align="center"))
    rows = [["Period", "Annual Rate / RSF", "Monthly Installment", "Annual Base Rent"]]
    rows += C.sched_rows(c, "months", True)
    B.append(doc.table(rows, [120, 110, 118, 120], ["l", "r", "r", "r"],
                       row_tags=[[]] + [TAG_RENT + ["escalation_pct"]] * (len(rows) - 1)))
    st = dict(size=10, leading=12.5, justify=False, rule_headings=True)
    if c.curly:
        C.curlify(B)
    return Built(B, d, st, footer_fn("header", f"Suite {d.suite} - {d.building}"),
                 "Medical Office Lease", txt_style=dict(pipes=True),
                 docx_style=dict(font="Calibri", kv_table=True))


# ------------------------------------------------------------------------------------------------
# 6. recital-sections: WITNESSETH / WHEREAS recitals, "Section 4.01" numbering, ordinal dates,
#    rent in words and figures, annual sum payable monthly
# ------------------------------------------------------------------------------------------------

def recital_sections(rng, budget):
    d = DL.commercial(rng, rng.choice(["office", "flex", "retail"]), {"bases": ["annual", "monthly"]})
    if d.esc == "pct" and d.basis == "annual":
        d.basis = "monthly"
    c = Ctx(rng, d, date_style="dayof", words=True, curly=rng.random() < 0.6)
    B = [doc.title("LEASE")]
    ex = fmt_date(d.execution, "dayof")
    B.append(doc.para(f"THIS LEASE is made and entered into this {ex}, by and between "
                      f"{party(c, 'L')} (hereinafter referred to as \"Landlord\"), and "
                      f"{party(c, 'T')} (hereinafter referred to as \"Tenant\").",
                      tags=["landlord", "tenant"]))
    B.append(doc.para("W I T N E S S E T H:", align="center", bold=True))
    B.append(doc.para(f"WHEREAS, Landlord is the owner of the land and improvements commonly known as "
                      f"{d.building} and located at {addr(d)} (the \"Building\"); and",
                      tags=["premises_address"], first_indent=36))
    if d.prior_lease:
        st, en, s2 = d.prior_lease
        B.append(doc.para(f"WHEREAS, Tenant presently leases Suite {s2} in the Building pursuant to a "
                          f"lease that expires on the {fmt_date(en, 'dayof')}; and", first_indent=36))
    B.append(doc.para("WHEREAS, Tenant desires to lease from Landlord, and Landlord desires to lease to "
                      "Tenant, certain space in the Building upon the terms and conditions set forth "
                      "herein;", first_indent=36))
    B.append(doc.para("NOW, THEREFORE, in consideration of the mutual covenants herein contained and "
                      "other good and valuable consideration, the receipt and sufficiency of which are "
                      "hereby acknowledged, the parties agree as follows:", first_indent=36))
    arts = [0]

    def article(title, paras):
        arts[0] += 1
        k = arts[0]
        out = [doc.heading(f"ARTICLE {C.roman(k) if ROMAN else k}", align="center", before=6),
               doc.heading(title.upper(), align="center")]
        for j, (sub, text, t) in enumerate(paras, 1):
            out.append(doc.para(text, lead=f"Section {k}.{j:02d}" + (f" {sub}." if sub else "."),
                                tags=t))
        return out
    ROMAN = rng.random() < 0.5
    prem = (f"Landlord hereby demises and leases unto Tenant, and Tenant hereby leases from Landlord, "
            + (f"Suite {d.suite} " if d.suite else "certain premises ") + "of the Building"
            + (f", consisting of {fmt_area(d.area)} square feet of rentable area" if d.area else "")
            + " (the \"Premises\"), as shown on Exhibit A.")
    B += article("Demise of Premises", [("Premises", prem, (["suite"] if d.suite else []) +
                                         (["area_sf"] if d.area else []))])
    B += article("Term", [
        ("Term", f"The term of this Lease shall commence on the {fmt_date(d.commencement, 'dayof')} "
                 f"(the \"Commencement Date\") and shall expire at midnight on the "
                 f"{fmt_date(d.expiration, 'dayof')} (the \"Expiration Date\"), a term of "
                 f"{C.term_phrase(c)}, unless sooner terminated as hereinafter provided.",
         ["commencement", "expiration", "term_months"])] +
        [("Outside Date" if "Outside" in t else "Termination Option" if "terminate this Lease "
          "effective" in t else "Existing Lease", t, tg) for t, tg in C.distractor_paras(c)])
    if d.basis == "annual":
        r = (f"Tenant shall pay to Landlord, as base rent for the first Lease Year, the annual sum of "
             f"{money_both(d.annual)}, payable in equal monthly installments of "
             f"{money_both(d.monthly)} each, in advance on the first day of each calendar month "
             f"(\"Base Rent\").")
    else:
        r = (f"Tenant shall pay to Landlord, without notice or demand, monthly Base Rent during the first "
             f"Lease Year in the sum of {money_both(d.monthly, rng.choice([0, 1, 2]))}, in advance on "
             f"the first day of each calendar month.")
    rp = [("Base Rent", r, TAG_RENT)]
    rp.append(("Adjustment of Base Rent", C.escalation_sentence(c), ["escalation_pct"]))
    if d.free:
        rp.append(("Abatement", C.abatement_sentence(c), ["free_rent_months"]))
    if d.late_kind:
        rp.append(("Late Charge", C.late_sentence(c) + " " + C.interest_sentence(c), ["late_fee"]))
    B += article("Rent", rp)
    rec = C.recovery_sentences(c)
    B += article("Operating Expenses", [("Payment of Expenses" if k == 0 else "Estimates", t, tg)
                                        for k, (t, tg) in enumerate(rec)])
    if d.deposit_kind:
        B += article("Security Deposit", [("Deposit", C.deposit_sentence(c), ["security_deposit"])])
    if d.ti_kind:
        B += article("Improvements", [("Allowance", C.ti_sentence(c), ["ti_allowance_psf"])])
    if d.renew_count:
        B += article("Renewal", [("Option to Renew", C.renewal_sentence(c),
                                  ["renewal_option_count", "renewal_term_months"])])

    def head(k, title, paras):
        return article(title, [("", p, []) for p in paras])
    B += boiler_blocks(c, pick_boiler(c, budget), head)
    B += article("Notices", [("Addresses", C.notice_para(c), [])])
    if d.guarantor:
        B += article("Guaranty", [("Guarantor", C.guaranty_para(c), [])])
    B += C.signature_blocks(c)
    st = dict(size=11, leading=14, justify=True, first_indent=36)
    if c.curly:
        C.curlify(B)
    return Built(B, d, st, footer_fn(rng.choice(["dash", "pageof"])), "Lease",
                 txt_style=dict(first_indent=36), docx_style=dict(justify=True, size=12))


# ------------------------------------------------------------------------------------------------
# 7. short-form-plain: plain-language small-landlord lease, ISO or short numeric dates,
#    term given only by its two dates, flat rent or fixed steps
# ------------------------------------------------------------------------------------------------

def short_form(rng, budget):
    d = DL.commercial(rng, "flex", {"bases": ["monthly"], "escs": ["none", "none", "fixed", "pct"],
                                    "area": rng.random() < 0.6, "state_style": "abbr"})
    c = Ctx(rng, d, date_style=rng.choice(["iso", "short", "numeric"]), words=False, curly=False)
    B = [doc.title(rng.choice(["COMMERCIAL LEASE", "Commercial Lease Agreement",
                               "SMALL BUSINESS LEASE"]), size=14)]
    n = [0]

    def S(title, text, t=()):
        n[0] += 1
        return [doc.heading(f"{n[0]}. {title}", size=10.5), doc.para(text, tags=t)]
    B += S("The Parties", f"This lease is between {d.landlord} (\"Landlord\") and {d.tenant} "
                          f"(\"Tenant\"). It is signed on {c.date(d.execution)}.",
           ["landlord", "tenant"])
    sp = (f"Landlord rents to Tenant the space at {d.addr.number} {d.addr.street}"
          + (f", Unit {d.suite}" if d.suite else "") + f", {d.addr.city}, {d.addr.state} {d.addr.zip}"
          + (f" (about {fmt_area(d.area)} sq. ft.)" if d.area else "") + ".")
    B += S("The Property", sp, ["premises_address"] + (["suite"] if d.suite else []) +
           (["area_sf"] if d.area else []))
    B += S("Lease Term", f"The lease begins {c.date(d.commencement)} and ends "
                         f"{c.date(d.expiration)}.", ["commencement", "expiration", "term_months"])
    txt = (f"Tenant will pay {fmt_money(d.monthly)} per month"
           + (f" for the first 12 months" if d.esc != "none" else "")
           + ", due on the 1st of each month, by check or ACH to Landlord.")
    B += S("Rent", txt, TAG_RENT)
    if d.esc != "none":
        if rng.random() < 0.5:
            B.append(doc.para(C.escalation_sentence(c), tags=["escalation_pct"]))
        else:
            rows = [["Dates", "Monthly Rent"]]
            d.table_printed = True
            for p in d.schedule:
                rows.append([f"{c.date(p.start)} to {c.date(p.end)}", fmt_money(p.monthly)])
            B.append(doc.table(rows, [230, 120], ["l", "r"], indent=18,
                               row_tags=[[]] + [TAG_RENT + ["escalation_pct"]] * (len(rows) - 1)))
    if d.free:
        B.append(doc.para(f"Free rent: Tenant does not pay Base Rent for the first {d.free} "
                          f"month{'s' if d.free > 1 else ''}.", tags=["free_rent_months"]))
    if d.deposit_kind == "flat":
        B += S("Deposit", f"Tenant pays a security deposit of {fmt_money(d.deposit)} at signing. "
                          f"Landlord will return it within 30 days after Tenant moves out, minus "
                          f"unpaid rent and repair costs.", ["security_deposit"])
    elif d.deposit_kind:
        B += S("Deposit", f"Tenant pays a security deposit equal to {d.deposit_months} month"
                          f"{'s' if d.deposit_months > 1 else ''} of rent at signing.",
               ["security_deposit"])
    if d.late_kind == "flat":
        B += S("Late Payments", f"If rent is more than 5 days late, Tenant will pay a late fee of "
                                f"{fmt_money(d.late, cents=False)}. Returned checks cost $35.",
               ["late_fee"])
    elif d.late_kind:
        B += S("Late Payments", f"If rent is more than 5 days late, Tenant will pay a late fee of "
                                f"{pct_text(d.late_pct, False)} of the late amount.", ["late_fee"])
    rec = {"gross": "Rent includes property taxes, building insurance and common area upkeep (gross "
                    "lease). Tenant pays nothing extra for them.",
           "modified_gross": "Landlord pays property taxes and building insurance. Tenant pays its own "
                             "electric, gas, internet and janitorial (modified gross).",
           "nnn": "This is a triple net lease: Tenant also pays its share of property taxes, insurance "
                  "and common area maintenance each month."}.get(d.recovery)
    if rec is None:
        rec = C.recovery_sentences(c)[0][0]
    B += S("Expenses", rec, ["recovery"] + (["expense_stop_psf"] if d.stop else []))
    if d.renew_count:
        B += S("Renewal", C.renewal_sentence(c), ["renewal_option_count", "renewal_term_months"])
    if d.ti_kind:
        B += S("Build-Out", C.ti_sentence(c), ["ti_allowance_psf"])
    B += S("Use", "Tenant will use the space only for " + rng.choice(
        ["a print shop", "a contractor's office and storage", "a fitness studio", "a small bakery",
         "an insurance agency"]) + ".")
    B += S("Parking", f"Tenant may use {d.parking[0]} spaces. Extra reserved spaces are "
                      f"{fmt_money(d.parking[1])} per month each.")
    if d.guarantor:
        B += S("Personal Guarantee", f"{d.guarantor} personally guarantees Tenant's payments.")

    def head(k, title, paras):
        return S(title, " ".join(paras[:1]))
    B += boiler_blocks(c, pick_boiler(c, min(budget, 8)), head)
    B += S("Notices", f"Notices to Landlord go to {C.notice_addr(d)}. Notices to Tenant go to the "
                      f"leased space.")
    B += C.signature_blocks(c, guarantor=False)
    st = dict(size=11, leading=14, justify=False)
    if c.curly:
        C.curlify(B)
    return Built(B, d, st, footer_fn("pageof"), "Commercial Lease",
                 txt_style=dict(), docx_style=dict(font="Calibri", size=11))


# ------------------------------------------------------------------------------------------------
# 8. definitions-exhibit: Article 1 alphabetical definitions; rent only in Exhibit C with date
#    ranges; term in months (often odd); footnoted abatement
# ------------------------------------------------------------------------------------------------

def definitions_exhibit(rng, budget):
    d = DL.commercial(rng, rng.choice(["office", "medical", "flex"]),
                      {"escs": ["pct", "fixed", "pct"]})
    c = Ctx(rng, d, date_style=rng.choice(["long", "long_ord"]), words=rng.random() < 0.5,
            curly=rng.random() < 0.5)
    B = [doc.title(rng.choice(["LEASE AGREEMENT", "OFFICE LEASE"]))]
    B.append(doc.para(d.building, align="center", bold=True))
    B.append(doc.para(C.preamble(c), tags=["landlord", "tenant"], before=8))
    B.append(doc.heading("ARTICLE 1. DEFINITIONS", before=8))
    B.append(doc.para("Capitalized terms used in this Lease have the following meanings:"))
    defs = []
    defs.append(("Additional Rent", "all sums payable by Tenant under this Lease other than Base Rent.",
                 []))
    defs.append(("Base Rent", "the amounts set forth in the Base Rent Schedule attached as Exhibit C.",
                 []))
    defs.append(("Building", f"the building commonly known as {d.building}, {addr(d)}.",
                 ["premises_address"]))
    defs.append(("Commencement Date", f"{c.date(d.commencement)}.", ["commencement"]))
    rs, rt = recovery_summary(c)
    defs.append(("Expense Basis", f"{rs}, as more particularly described in Article 5.", rt))
    if rng.random() < 0.5:
        defs.append(("Expiration Date", f"{c.date(d.expiration)}.", ["expiration"]))
    if d.ti_kind:
        defs.append(("Improvement Allowance", ti_short(c) + ".", ["ti_allowance_psf"]))
    if d.late_kind:
        defs.append(("Late Charge", late_short(c) + ".", ["late_fee"]))
    defs.append(("Outside Date", f"{c.date(d.outside)}.", []))
    prem = ((f"Suite {d.suite} of the Building" if d.suite else "the portion of the Building shown on "
             "Exhibit A") + (f", containing {fmt_area(d.area)} rentable square feet" if d.area else "")
            + ".")
    defs.append(("Premises", prem, (["suite"] if d.suite else []) + (["area_sf"] if d.area else [])))
    if d.deposit_kind:
        defs.append(("Security Deposit", deposit_short(c) + ".", ["security_deposit"]))
    defs.append(("Term", f"the period of {C.term_phrase(c, 'months')} beginning on the Commencement "
                         f"Date, plus any Extension Term.", ["term_months", "expiration"]))
    for k, (term, text, t) in enumerate(defs):
        if text.split(" ")[0] in ("An", "Net", "Full", "Modified", "Calendar", "Triple", "Gross"):
            text = text[0].lower() + text[1:]
        B.append(doc.para(f"means {text}", lead=f"\"{term}\"", indent=18, tags=t, after=3))
    arts = [1]

    def article(title, paras):
        arts[0] += 1
        k = arts[0]
        out = [doc.heading(f"ARTICLE {k}. {title.upper()}", before=6)]
        for j, (text, t) in enumerate(paras, 1):
            out.append(doc.para(text, lead=f"{k}.{j}", tags=t))
        return out
    B += article("Lease of Premises", [(f"Landlord leases the Premises to Tenant for the Term.", []),
                                       *C.distractor_paras(c)])
    rp = [(f"Tenant shall pay Base Rent as set forth in Exhibit C in equal monthly installments, in "
           f"advance, on the first day of each month. The per square foot rates shown in Exhibit C, "
           f"if any, are for reference only.", [])]
    if d.free:
        rp.append((C.abatement_sentence(c), ["free_rent_months"]))
    if d.late_kind:
        rp.append((C.late_sentence(c), ["late_fee"]))
    B += article("Rent", rp)
    B += article("Operating Expenses", C.recovery_sentences(c))
    if d.deposit_kind:
        B += article("Security Deposit", [(C.deposit_sentence(c), ["security_deposit"])])
    if d.renew_count:
        B += article("Extension Options", [(C.renewal_sentence(c), ["renewal_option_count",
                                                                     "renewal_term_months"])])
    if d.ti_kind:
        B += article("Improvements", [(C.ti_sentence(c), ["ti_allowance_psf"])])

    def head(k, title, paras):
        return article(title, [(p, []) for p in paras])
    B += boiler_blocks(c, pick_boiler(c, budget), head)
    B += article("Notices", [(C.notice_para(c), [])])
    if d.guarantor:
        B += article("Guaranty", [(C.guaranty_para(c), [])])
    B += C.signature_blocks(c)
    B.append(doc.pagebreak())
    B.append(doc.heading("EXHIBIT C", align="center"))
    B.append(doc.heading("BASE RENT SCHEDULE", align="center"))
    ds = rng.choice(["short", "numeric", "slash4"])
    with_psf = d.area is not None and rng.random() < 0.7
    hdr = ["Period"] + (["Rate/RSF/Yr"] if with_psf else []) + ["Monthly Base Rent",
                                                                 "Annual Base Rent"]
    rows = [hdr] + C.sched_rows(c, "dates", with_psf, date_style=ds)
    widths = [170, 80, 104, 114] if with_psf else [200, 134, 134]
    B.append(doc.table(rows, widths, ["l"] + ["r"] * (len(hdr) - 1),
                       row_tags=[[]] + [TAG_RENT + ["escalation_pct"]] * (len(rows) - 1)))
    if d.free:
        B.append(doc.para(f"* Subject to abatement of Base Rent for {count_phrase(d.free)} "
                          f"month{'s' if d.free > 1 else ''} as provided in Section 3.2.", italic=True,
                          size=9, tags=["free_rent_months"]))
    if d.esc == "pct" and rng.random() < 0.5:
        B.append(doc.para(f"Base Rent increases {pct_text(d.esc_pct, False)} annually.", size=9,
                          tags=["escalation_pct"]))
    st = dict(size=10, leading=12.5, justify=rng.random() < 0.5, kern=rng.random() < 0.5)
    if c.curly:
        C.curlify(B)
    return Built(B, d, st, footer_fn(rng.choice(["pageof", "docid"]), f"{d.tenant} Lease"),
                 "Lease Agreement", txt_style=dict(leaders=True),
                 docx_style=dict(justify=st["justify"]))


LAYOUTS = {
    "office-bli": office_bli,
    "office-narrative": office_narrative,
    "retail-fundamental": retail_fundamental,
    "industrial-basic-provisions": industrial_basic,
    "medical-summary-grid": medical_grid,
    "recital-sections": recital_sections,
    "short-form-plain": short_form,
    "definitions-exhibit": definitions_exhibit,
}

DESCRIPTIONS = {
    "office-bli": "cover page, Article 1 Basic Lease Information table (or label list), "
                  "articles, Exhibit B rent schedule by months",
    "office-narrative": "numbered prose sections with bold lead-ins, figures in words and "
                        "numbers, escalation stated in text only, no summary or table",
    "retail-fundamental": "shopping-center lease: lettered Fundamental Lease Provisions, Lease "
                          "Year minimum rent table, CAM/NNN, percentage-rent breakpoint, Roman articles",
    "industrial-basic-provisions": "AIR-style Basic Provisions 1.1-1.12 with Lessor/Lessee, money "
                                   "due on execution, date-range rent adjustments in an addendum",
    "medical-summary-grid": "four-column summary grid, Section N headings, per-RSF rent, "
                            "Schedule 1 rent table",
    "recital-sections": "formal WITNESSETH/WHEREAS recitals, Section N.0M numbering, "
                        "'1st day of March, 2025' dates, rent in words and figures",
    "short-form-plain": "plain-language small-landlord lease, ISO/short dates, term only "
                        "by its two dates, flat or stepped monthly rent",
    "definitions-exhibit": "Article 1 alphabetical definitions, rent only in an Exhibit C "
                           "schedule of date ranges, abatement footnote",
}
