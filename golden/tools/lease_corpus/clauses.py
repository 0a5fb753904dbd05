"""Key-term sentences shared by the commercial templates, each with several wordings.

A Ctx carries the deal, the seeded RNG and the document's conventions (party role names, date
style, whether figures are doubled in words). Every function returns text describing the deal
exactly; the caller tags the block with the truth fields the text states.
"""

import re

from . import doc
from .words import (D, count_phrase, ordinal, fmt_area, fmt_date, fmt_money, int_words, money_both,
                    money_words, ordinal_words, pct_text, q2, title_words)


class Ctx:
    def __init__(self, rng, d, L="Landlord", T="Tenant", P="Premises", date_style="long",
                 words=True, curly=False):
        self.rng, self.d, self.L, self.T, self.P = rng, d, L, T, P
        self.ds = date_style
        self.words = words
        self.curly = curly

    def date(self, x, style=None):
        st = style or self.ds
        return ("the " if st == "dayof" else "") + fmt_date(x, st)

    def money(self, x, words=None, style=0):
        w = self.words if words is None else words
        return money_both(x, style) if w else fmt_money(x)

    def pick(self, *alts):
        return self.rng.choice(alts)

    def chance(self, p):
        return self.rng.random() < p

    def cnt(self, n, case="lower"):
        return count_phrase(n, case) if self.words else str(n)

    def fmt(self, s):
        return s.format(L=self.L, T=self.T, P=self.P)


def curlify(blocks):
    """Straight double quotes -> curly pairs in every text of the blocks (names never hold quotes)."""
    def fix(s):
        return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", s) if s else s
    for b in blocks:
        b.text = fix(b.text)
        b.lead = fix(b.lead)
        if b.rows:
            b.rows = [[fix(c) for c in r] for r in b.rows]
    return blocks


def addr(d, with_suite=False, suite_word="Suite"):
    a = d.addr
    if with_suite and d.suite:
        return f"{a.number} {a.street}, {suite_word} {d.suite}, {a.city}, {a.state} {a.zip}"
    return f"{a.number} {a.street}, {a.city}, {a.state} {a.zip}"


def notice_addr(d):
    a = d.notice_addr
    return f"{a.number} {a.street}, {d.notice_suite}, {a.city}, {a.state} {a.zip}"


def party(c, who, upper=None):
    d = c.d
    name, desc = (d.landlord, d.landlord_desc) if who == "L" else (d.tenant, d.tenant_desc)
    s = f"{name}, {desc}" if desc else name
    if who == "T" and getattr(d, "dba", None):
        s += f" d/b/a {d.dba}"
    return s


def preamble(c, title_word="LEASE AGREEMENT"):
    d = c.d
    L, T = c.L, c.T
    v = c.rng.randrange(4)
    ex = c.date(d.execution, c.pick("long", "dayof", c.ds))
    if v == 0:
        return (f'THIS {title_word} (the "Lease") is made as of {ex}, by and between '
                f'{party(c, "L")} ("{L}"), and {party(c, "T")} ("{T}").')
    if v == 1:
        return (f'This {title_word.title()} ("Lease") is entered into effective {ex} (the "Effective '
                f'Date") between {party(c, "L")} (hereinafter "{L}") and {party(c, "T")} '
                f'(hereinafter "{T}").')
    if v == 2:
        return (f'THIS {title_word} is dated {ex} and is made between {party(c, "L")}, as {L.lower()}'
                f' ("{L}"), and {party(c, "T")}, as {T.lower()} ("{T}").')
    return (f'This {title_word.title()} (this "Lease") dated as of {ex} (the "Date of this Lease") is '
            f'by and between {party(c, "L")} ("{L}") and {party(c, "T")} ("{T}").')


def term_phrase(c, style=None):
    n = c.d.term
    styles = ["months"] + (["years"] if n % 12 == 0 else (["ym"] if n > 12 else []))
    style = style if style in styles else c.rng.choice(styles)
    if style == "months":
        return c.cnt(n) + " " + c.pick("months", "full calendar months", "months")
    if style == "years":
        y = n // 12
        return c.cnt(y) + (" years" if y > 1 else " year")
    y, m = divmod(n, 12)
    return (c.cnt(y) + (" years" if y > 1 else " year") + " and " + c.cnt(m) +
            (" months" if m > 1 else " month"))


def rent_sentence(c, lead_in=True):
    """The first-year Base Rent, stated according to the deal's basis."""
    d = c.d
    L, T = c.L, c.T
    m, a, p = d.monthly, d.annual, d.psf
    if d.basis == "psf":
        v = c.rng.randrange(4)
        if v == 0:
            return (f"{T} shall pay Base Rent for the first Lease Year at the rate of "
                    f"{fmt_money(p)} per rentable square foot per annum, being {fmt_money(a)} per "
                    f"annum, payable in equal monthly installments of {c.money(m)}.")
        if v == 1:
            return (f"Annual Base Rent during the first Lease Year shall be calculated at "
                    f"{fmt_money(p)} per rentable square foot of the {c.P} per year, payable "
                    f"monthly in advance.")
        if v == 2:
            return (f"Base Rent shall be payable at an initial annual rate of {fmt_money(p)} per "
                    f"rentable square foot ({fmt_money(m)} per month).")
        return (f"{T} shall pay to {L} annual Base Rent of {c.money(a)}, which is {fmt_money(p)} "
                f"per rentable square foot, in twelve equal monthly installments.")
    if d.basis == "monthly":
        v = c.rng.randrange(3)
        if v == 0:
            return (f"{T} shall pay to {L} monthly Base Rent in the amount of {c.money(m)}, in "
                    f"advance on the first day of each calendar month during the first Lease Year.")
        if v == 1:
            return (f"Commencing on the Commencement Date, {T} shall pay Base Rent of {c.money(m)} "
                    f"per month, without demand, deduction or offset.")
        return (f"The monthly installment of Base Rent for months one (1) through twelve (12) of the "
                f"Term shall be {c.money(m)}.")
    v = c.rng.randrange(3)
    if v == 0:
        return (f"{T} shall pay to {L} an annual Base Rent of {c.money(a)}, payable in equal "
                f"monthly installments of {fmt_money(m)} in advance on the first day of each month.")
    if v == 1:
        return (f"Base Rent for the first Lease Year shall be {c.money(a)} per annum, payable in "
                f"twelve (12) equal monthly installments.")
    return (f"{T} covenants to pay {L}, as annual base rent, the sum of {c.money(a)} per year "
            f"(\"Base Rent\") in monthly installments.")


def roman(n):
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, r in vals * 1:
        while n >= v:
            out += r
            n -= v
    return out


def escalation_sentence(c):
    d = c.d
    if d.esc == "none":
        return c.pick("Base Rent shall remain constant throughout the Term.",
                      "Base Rent shall not increase during the initial Term.",
                      "There shall be no annual increases in Base Rent during the Term.")
    if d.esc == "pct":
        pt = pct_text(d.esc_pct, c.words)
        if d.fig_kind == "psf":
            return c.pick(
                f"On each anniversary of the Commencement Date, the annual Base Rent rate per "
                f"rentable square foot shall increase by {pt} over the rate in effect during the "
                f"preceding Lease Year.",
                f"The per-square-foot Base Rent rate shall escalate by {pt} annually, compounded, "
                f"beginning with the second Lease Year.")
        return c.pick(
            f"Commencing on the first day of the second Lease Year and on the first day of each "
            f"Lease Year thereafter, the monthly Base Rent shall be increased by {pt} of the monthly "
            f"Base Rent payable for the immediately preceding Lease Year.",
            f"The monthly installment of Base Rent shall increase by {pt} on each anniversary of the "
            f"Commencement Date, each increase being calculated on the monthly Base Rent for the "
            f"prior Lease Year.")
    unit, amt = d.step
    if unit == "psf":
        return c.pick(
            f"Base Rent shall increase by {fmt_money(amt)} per rentable square foot per year on each "
            f"anniversary of the Commencement Date.",
            f"On the first day of each Lease Year after the first, the annual Base Rent rate shall "
            f"increase by {fmt_money(amt)} per square foot per year.")
    if unit == "monthly":
        return c.pick(
            f"On each anniversary of the Commencement Date the monthly Base Rent shall increase by "
            f"{fmt_money(amt)}.",
            f"Monthly Base Rent shall increase by the fixed amount of {fmt_money(amt)} per month at "
            f"the beginning of each Lease Year after the first.")
    return c.pick(
        f"Annual Base Rent shall increase by {fmt_money(amt)} at the beginning of each Lease Year "
        f"after the first.",
        f"Commencing with the second Lease Year, the annual Base Rent shall be increased by "
        f"{fmt_money(amt)} per annum over the annual Base Rent for the preceding Lease Year.")


def abatement_sentence(c):
    d = c.d
    n = d.free
    L, T = c.L, c.T
    v = c.rng.randrange(4)
    nm = count_phrase(n) if c.words else str(n)
    if v == 0:
        return (f"Notwithstanding the foregoing, provided that no Event of Default then exists, Base "
                f"Rent for the first {nm} full calendar month{'s' if n > 1 else ''} of the Term shall "
                f"be abated (the \"Abatement Period\"); {T} shall pay all Additional Rent during the "
                f"Abatement Period.")
    if v == 1:
        if n == 1:
            return (f"Base Rent for month two (2) of the Term shall be abated in full, and {T} shall "
                    f"pay no Base Rent for such month.")
        return (f"Base Rent for months two (2) through {int_words(n + 1)} ({n + 1}) of the Term shall "
                f"be abated in full, so that {T} receives {nm} months of free Base Rent.")
    if v == 2:
        return (f"{L} hereby grants {T} {nm} month{'s' if n > 1 else ''} of free Base Rent, to be "
                f"applied to the first {nm} month{'s' if n > 1 else ''} of the Term.")
    return (f"Base Rent for the first {nm} month{'s' if n > 1 else ''} shall be abated; if an Event of "
            f"Default occurs, all abated Base Rent shall become immediately due.")


def recovery_sentences(c):
    """Recovery provisions (and the stop when there is one). Returns [(text, tags)]."""
    d = c.d
    L, T = c.L, c.T
    out = []
    yr = d.commencement.year
    if d.recovery == "nnn":
        s = c.pick(
            f"This Lease is a triple net (NNN) lease. In addition to Base Rent, {T} shall pay, as "
            f"Additional Rent, {T}'s Proportionate Share of Operating Expenses, Real Estate Taxes and "
            f"the cost of {L}'s insurance.",
            f"It is intended that Base Rent be absolutely net to {L}, and that {T} pay all costs, "
            f"charges and expenses relating to the {c.P}, including its share of taxes, insurance and "
            f"common area maintenance.",
            f"Base Rent is net of taxes, insurance and operating expenses, all of which shall be paid by "
            f"{T} as Additional Rent in monthly estimated installments, subject to annual "
            f"reconciliation.")
        out.append((s, ["recovery"]))
        if d.opex_estimate and c.chance(0.7):
            out.append((f"For calendar year {yr}, {L} estimates that Operating Expenses, Taxes and "
                        f"Insurance will be approximately {fmt_money(d.opex_estimate)} per rentable "
                        f"square foot; such estimate is not a cap or limitation.", []))
    elif d.recovery == "gross":
        s = c.pick(
            f"This is a full service gross lease: Base Rent includes all Operating Expenses and Real "
            f"Estate Taxes, and {T} shall not be obligated to pay any share thereof.",
            f"Base Rent is a gross rent and includes {T}'s share of all operating costs, taxes and "
            f"insurance for the Building; {L} shall pay all such costs.",
            f"The Base Rent is inclusive of real estate taxes, insurance, common area maintenance and "
            f"standard utilities (full service gross).")
        out.append((s, ["recovery"]))
    elif d.recovery == "modified_gross":
        s = c.pick(
            f"This Lease is a modified gross lease. Base Rent includes Real Estate Taxes, {L}'s "
            f"insurance and common area maintenance; {T} shall pay directly for electricity, "
            f"janitorial service and telephone serving the {c.P}.",
            f"Rent is payable on a modified gross basis: {L} pays taxes and building insurance, and "
            f"{T} pays its separately metered utilities and interior maintenance.",
            f"The rent provided herein is modified gross, meaning that {T} shall be responsible only for "
            f"utilities and janitorial services to the {c.P}, and {L} shall bear all other operating "
            f"costs of the Building.")
        out.append((s, ["recovery"]))
    else:
        by = d.base_year
        if d.stop is not None:
            s = c.pick(
                f"{T} shall pay, as Additional Rent, {T}'s Share of the amount by which Operating "
                f"Expenses for each calendar year exceed the Operating Expenses for the {by} Base Year, "
                f"subject to an expense stop of {fmt_money(d.stop)} per rentable square foot per year "
                f"(the \"Expense Stop\").",
                f"Base Year: calendar year {by}. {T} shall reimburse {L} for {T}'s Share of Operating "
                f"Expenses in excess of an Expense Stop of {fmt_money(d.stop)} per rentable square foot "
                f"per annum.")
            out.append((s, ["recovery", "expense_stop_psf"]))
        else:
            s = c.pick(
                f"Commencing January 1, {by + 1}, {T} shall pay {T}'s Share of the amount by which "
                f"Operating Expenses and Taxes for each calendar year exceed those incurred during "
                f"calendar year {by} (the \"Base Year\").",
                f"{T} shall pay as Additional Rent its Proportionate Share of increases in Operating "
                f"Expenses over a {by} Base Year.")
            out.append((s, ["recovery"]))
            if d.opex_estimate and c.chance(0.6):
                out.append((f"{L} currently estimates that Operating Expenses for the Base Year will "
                            f"be approximately {fmt_money(d.opex_estimate)} per rentable square foot, "
                            f"but makes no representation that actual costs will not differ.", []))
    return out


def deposit_sentence(c):
    d = c.d
    T, L = c.T, c.L
    if d.deposit_kind == "flat":
        return c.pick(
            f"Upon execution of this Lease, {T} shall deposit with {L} the sum of {c.money(d.deposit)} "
            f"as a security deposit (the \"Security Deposit\").",
            f"{T} has deposited with {L} a security deposit of {fmt_money(d.deposit)} to secure the "
            f"performance of {T}'s obligations hereunder.",
            f"Security Deposit: {T} shall pay to {L} a Security Deposit in the amount of "
            f"{fmt_money(d.deposit)}, which {L} may commingle with its other funds.")
    n = d.deposit_months
    nm = count_phrase(n) if c.words else str(n)
    return c.pick(
        f"{T} shall deposit with {L} a security deposit equal to {nm} month{'s' if n > 1 else ''} of "
        f"Base Rent (the \"Security Deposit\").",
        f"Concurrently with its execution of this Lease, {T} shall deliver to {L} a Security Deposit "
        f"in an amount equal to {nm} {'months' if n > 1 else 'month'}{chr(39) if n > 1 else chr(39) + 's'} Base Rent at the initial rate.",
        f"The Security Deposit shall be an amount equal to {nm} monthly installment"
        f"{'s' if n > 1 else ''} of the initial Base Rent.")


def late_sentence(c):
    d = c.d
    T, L = c.T, c.L
    if d.late_kind == "flat":
        return c.pick(
            f"If any installment of Rent is not received by {L} within five (5) days after the date due, "
            f"{T} shall pay to {L} a late charge of {fmt_money(d.late)}.",
            f"{T} acknowledges that late payment will cause {L} to incur costs not contemplated by this "
            f"Lease; accordingly, any Rent not paid within ten (10) days of its due date shall be "
            f"subject to a late fee of {fmt_money(d.late)} for each late installment.",
            f"Late Charge: {fmt_money(d.late)} for any payment of Rent received after the fifth (5th) "
            f"day of the month.")
    p = pct_text(d.late_pct, c.words)
    return c.pick(
        f"If any Rent is not received within five (5) days after its due date, {T} shall pay a late "
        f"charge equal to {p} of the overdue amount.",
        f"Any installment of Rent not paid when due shall be subject to a late charge of {p} of the "
        f"amount past due, which the parties agree is a reasonable estimate of {L}'s costs.")


def interest_sentence(c):
    d = c.d
    return (f"In addition, any Rent not paid within thirty (30) days of its due date shall bear interest "
            f"at the rate of {pct_text(D(d.interest) / 100, c.words)} per annum, or the maximum "
            f"rate permitted by law, if less.")


def renewal_sentence(c):
    d = c.d
    T, L = c.T, c.L
    n, m = d.renew_count, d.renew_months
    if d.renew_style == "years" and m % 12 == 0:
        per = count_phrase(m // 12) + (" years" if m > 12 else " year") if c.words else \
            f"{m // 12} years"
    else:
        per = (count_phrase(m) if c.words else str(m)) + " months"
    cnt = count_phrase(n) if c.words else str(n)
    if n == 1:
        s = c.pick(
            f"{T} shall have one renewal option of {per}, exercisable by written notice delivered not "
            f"less than nine (9) months nor more than twelve (12) months before the Expiration Date.",
            f"{L} grants {T} {cnt} option to extend the Term for a period of {per} (the \"Extension "
            f"Term\"), upon written notice given at least two hundred seventy (270) days before the "
            f"expiration of the Term.",
            f"{T} may renew this Lease for one (1) additional term of {per} on the same terms, except "
            f"that Base Rent shall be ninety-five percent (95%) of the Fair Market Rent.")
    else:
        s = c.pick(
            f"{T} shall have {cnt} options to extend the Term for {per} each (each, an \"Extension "
            f"Term\"), by notice given not less than nine (9) months prior to the expiration of the "
            f"then-current Term.",
            f"{L} hereby grants {T} {cnt} successive options to renew this Lease, each for a renewal "
            f"term of {per}, at one hundred percent (100%) of the then Fair Market Rent.",
            f"Renewal Options: {cnt} options of {per} each, at the prevailing market rate.")
    return s


def ti_sentence(c):
    d = c.d
    T, L = c.T, c.L
    if d.ti_kind == "psf":
        return c.pick(
            f"{L} shall provide {T} with an improvement allowance of up to {fmt_money(d.ti_psf)} per "
            f"rentable square foot of the {c.P} (the \"Allowance\") toward the cost of {T}'s initial "
            f"improvements.",
            f"{L} will contribute a tenant improvement allowance equal to {fmt_money(d.ti_psf)} per "
            f"rentable square foot for the construction of the Tenant Improvements.")
    return c.pick(
        f"{L} shall provide a tenant improvement allowance in the amount of {c.money(d.ti_total)} "
        f"(the \"TI Allowance\") for the design and construction of {T}'s initial improvements.",
        f"{L} shall contribute up to {fmt_money(d.ti_total)} (the \"Improvement Allowance\") toward the "
        f"cost of the Tenant Improvements; any unused portion shall be forfeited.")


def distractor_paras(c):
    """Sentences with dates, names and figures that are not the truth values. [(text, tags)]."""
    d = c.d
    T, L = c.T, c.L
    out = []
    if d.prior_lease:
        st, en, s2 = d.prior_lease
        out.append((f"{T} currently occupies Suite {s2} in the Building under a lease dated "
                     f"{c.date(st)} (the \"Existing Lease\"), which expires by its terms on "
                     f"{c.date(en)}. The Existing Lease shall terminate on its expiration date and "
                     f"shall not be extended by this Lease.", []))
    out.append((f"If the Commencement Date has not occurred on or before {c.date(d.outside)} (the "
                f"\"Outside Date\"), {T} may terminate this Lease by written notice to {L} given within "
                f"ten (10) days after the Outside Date.", []))
    if d.termination:
        mo, fee = d.termination
        out.append((f"{T} shall have a one-time right to terminate this Lease effective as of the last "
                    f"day of the {ordinal_words(mo)} ({ordinal(mo)}) full calendar month of the Term by giving "
                    f"{L} not less than nine (9) months' prior written notice and paying a termination "
                    f"fee of {fmt_money(fee)} (the \"Termination Fee\").", []))
    return out


def guaranty_para(c):
    d = c.d
    return (f"As a condition to {c.L}'s execution of this Lease, {d.guarantor} (\"Guarantor\") shall "
            f"execute a guaranty of {c.T}'s obligations in the form attached hereto, which guaranty "
            f"shall be limited to an amount equal to twelve (12) months of Base Rent.")


def notice_para(c):
    d = c.d
    return (f"All notices shall be in writing and delivered by hand, by nationally recognized overnight "
            f"courier or by certified mail, return receipt requested, addressed to {c.L} at "
            f"{notice_addr(d)}, Attention: Lease Administration, and to {c.T} at the {c.P}, "
            f"Attention: Chief Financial Officer, or to such other address as a party may designate by "
            f"notice.")


def boiler_fmt(c):
    d = c.d
    uses = {"office": "general office purposes", "retail": "the retail sale of merchandise and "
            "services customarily offered by similar stores", "industrial": "warehousing, light "
            "assembly and distribution, together with related office use", "medical": "a medical "
            "office and outpatient clinic", "flex": "office, showroom and light storage"}
    return dict(L=c.L, T=c.T, P=c.P, use=uses[d.property_kind],
                lim1=fmt_money(d.ins_limits[0], cents=False),
                lim2=fmt_money(d.ins_limits[1], cents=False),
                hold=pct_text(D(d.holdover) / 100, c.words),
                spaces=count_phrase(d.parking[0]) if c.words else str(d.parking[0]),
                pcharge=fmt_money(d.parking[1]), b1=d.brokers[0], b2=d.brokers[1])


def signature_blocks(c, witness=True, guarantor=True):
    d = c.d
    blocks = []
    blocks.append(doc.para(c.pick(
        "IN WITNESS WHEREOF, the parties have executed this Lease as of the date first written above.",
        "IN WITNESS WHEREOF, Landlord and Tenant have caused this Lease to be executed by their duly "
        "authorized representatives as of the date set forth above.".replace("Landlord", c.L)
        .replace("Tenant", c.T),
        "EXECUTED as of the Date of this Lease.")))
    rows = [[c.L.upper() + ":", c.T.upper() + ":"],
            [d.landlord + ",", d.tenant + ","],
            [d.landlord_desc or "", d.tenant_desc or ""],
            ["", ""],
            ["By: ______________________________", "By: ______________________________"],
            ["Name: ____________________________", "Name: ____________________________"],
            ["Title: ___________________________", "Title: ___________________________"],
            ["Date: ____________________________", "Date: ____________________________"]]
    blocks.append(doc.table(rows, [234, 234], ["l", "l"], header=0, rules=False, keep=True,
                            size=10))
    if guarantor and d.guarantor:
        blocks.append(doc.para("GUARANTOR:", before=10))
        blocks.append(doc.para(f"______________________________  {d.guarantor}, individually"))
    return blocks


def sched_rows(c, style, with_psf=True, abated_note=True, date_style="short"):
    """Rent schedule rows for a table. style: months|years|dates."""
    d = c.d
    d.table_printed = True
    rows = []
    for p in d.schedule:
        if style == "months":
            label = f"Months {p.a}-{p.b}" if c.chance(0.8) else f"Months {p.a} \u2013 {p.b}"
        elif style == "years":
            label = f"Lease Year {p.year}" + (" (partial)" if p.b - p.a < 11 else "")
        else:
            sep = c.pick(" - ", " \u2013 ", " to ")
            label = f"{fmt_date(p.start, date_style)}{sep}{fmt_date(p.end, date_style)}"
        row = [label]
        if with_psf:
            row.append(fmt_money(p.psf) if p.psf is not None else "N/A")
        row += [fmt_money(p.monthly), fmt_money(p.annual)]
        rows.append(row)
    return rows


TAG_RENT = ["monthly_base_rent", "annual_base_rent", "rent_psf_annual"]
