"""The residential lease layouts: the old platform's label style, an apartment-community contract,
a single-family home lease and a fill-in-the-blanks form with checkboxes.

Same contract as commercial.py: a layout function (rng, budget) -> Built, every block stating a
truth value tagged with its field names. Residential truth: recovery, escalation, expense stop and
TI are always null; rent_psf_annual only when the lease states an area.
"""

from . import deal as DL
from . import doc
from .clauses import TAG_RENT, Ctx
from .commercial import Built, footer_fn
from .words import (count_phrase, fmt_area, fmt_date, fmt_money, int_words, money_both, ordinal,
                    ordinal_words, pct_text, title_words)

RES_BOILER = [
    ("Occupants", "The Premises shall be occupied only by the persons named as {T} in this Lease and "
                  "their minor children. Guests staying more than fourteen (14) days in any six-month "
                  "period require the prior written consent of {L}."),
    ("Use", "The Premises shall be used as a private residence only. No business or trade may be "
            "conducted on the Premises, and {T} shall not permit anything that would increase the rate "
            "of insurance on the Premises."),
    ("Condition of Premises", "{T} has inspected the Premises and accepts them in their present "
                              "condition. Within three (3) days after move-in, {T} shall deliver a "
                              "signed move-in inspection form noting any existing damage."),
    ("Maintenance and Repairs", "{T} shall keep the Premises clean and sanitary, promptly report any "
                                "needed repairs in writing, and pay for any damage caused by {T} or "
                                "{T}'s guests. {L} shall make repairs to the structure, plumbing, "
                                "heating and electrical systems within a reasonable time."),
    ("Alterations", "{T} shall not paint, install wallpaper, change locks or make any alterations "
                    "without {L}'s prior written consent. Nails and small picture hangers are "
                    "permitted."),
    ("Entry", "{L} may enter the Premises at reasonable times, upon at least twenty-four (24) hours' "
              "notice, to make repairs, to inspect, or to show the Premises to prospective tenants, "
              "buyers or lenders. No notice is required in an emergency."),
    ("Assignment and Subletting", "{T} shall not assign this Lease or sublet any part of the Premises, "
                                  "including through short-term rental platforms, without {L}'s "
                                  "prior written consent."),
    ("Smoking", "Smoking of any substance is prohibited inside the Premises and within twenty-five (25) "
                "feet of any building entrance."),
    ("Noise and Conduct", "{T} shall not disturb other residents or neighbors. Quiet hours are 10:00 "
                          "p.m. to 8:00 a.m."),
    ("Renter's Insurance", "{T} shall maintain renter's insurance with personal liability coverage of "
                           "at least $100,000 and shall provide proof of coverage upon request. "
                           "{L}'s insurance does not cover {T}'s personal property."),
    ("Default", "If {T} fails to pay rent when due or breaches any other term of this Lease, {L} may "
                "terminate {T}'s right of occupancy by giving the notice required by law and may "
                "recover all unpaid rent, damages and reasonable attorneys' fees."),
    ("Abandonment", "If {T} is absent from the Premises for fifteen (15) consecutive days while rent is "
                    "unpaid, the Premises may be deemed abandoned and {L} may retake possession."),
    ("Move-Out", "Upon termination {T} shall return all keys, remove all personal property and leave the "
                 "Premises in the same condition as at move-in, ordinary wear and tear excepted. The "
                 "security deposit, less lawful deductions, will be returned within the time required "
                 "by law."),
    ("Lead-Based Paint Disclosure", "For housing built before 1978, {T} acknowledges receipt of the "
                                    "EPA pamphlet \"Protect Your Family From Lead in Your Home\" and "
                                    "the lead-based paint disclosure form."),
    ("Mold and Moisture", "{T} shall ventilate the Premises, promptly wipe up water and report any "
                          "leaks or visible mold to {L}."),
    ("Governing Law", "This Lease is governed by the laws of the state in which the Premises are "
                      "located. If any provision is invalid, the remainder shall remain in effect."),
    ("Entire Agreement", "This Lease and its addenda are the entire agreement between the parties. Any "
                         "change must be in writing and signed by both parties."),
]


def _boiler(c, budget, rng):
    items = list(RES_BOILER)
    rng.shuffle(items)
    return [(t, x.format(L=c.L, T=c.T)) for t, x in items[:budget]]


def _late_text(c, style=0):
    d = c.d
    if d.late_kind == "flat":
        if style == 0:
            return (f"If rent is not received by the {ordinal_words(d.grace)} ({ordinal(d.grace)}) day of the "
                    f"month, {c.T} shall pay a late fee of {fmt_money(d.late)}.")
        return (f"A late charge of {fmt_money(d.late)} will be due for any rent payment received after "
                f"the {ordinal(d.grace)} day of the month.")
    if d.late_kind == "pct":
        return (f"If rent is not received by the {ordinal(d.grace)} day of the month, {c.T} shall pay a late "
                f"charge equal to {pct_text(d.late_pct, style == 0)} of the monthly rent.")
    if d.late_initial:
        return (f"If rent is not paid by 11:59 p.m. on the {ordinal(d.grace)} day of the month, {c.T} will pay "
                f"an initial late charge of {fmt_money(d.late_initial)} plus a daily late charge of "
                f"{fmt_money(d.late_daily)} per day until paid in full.")
    return (f"Rent received after the {ordinal(d.grace)} day of the month is subject to a late charge of "
            f"{fmt_money(d.late_daily)} per day, beginning on the first day rent is late.")


def _renew_text(c):
    d = c.d
    if d.renew == "mtm":
        return (f"Unless either party gives written notice of termination at least {d.notice_days} "
                f"days before the end of the term, this Lease will automatically continue on a "
                f"month-to-month basis on the same terms, terminable by either party on "
                f"{d.notice_days} days' written notice.")
    if d.renew == "option":
        n = d.renew_count
        return (f"{c.T} shall have the option to renew this Lease for {count_phrase(n)} additional "
                f"term{'s' if n > 1 else ''} of {count_phrase(d.renew_months)} months "
                f"{'each ' if n > 1 else ''}by giving {c.L} written notice at least {d.notice_days} "
                f"days before the end of the then-current term, at a rent to be agreed.")
    return None


def _unit_phrase(d, word):
    return f"{word} {d.unit}" if d.unit else ""


def _addr(d):
    a = d.addr
    return f"{a.number} {a.street}, {a.city}, {a.state} {a.zip}"


def _addr_unit(d, word):
    a = d.addr
    u = f", {word} {d.unit}" if d.unit else ""
    return f"{a.number} {a.street}{u}, {a.city}, {a.state} {a.zip}"


def _pets(c):
    d = c.d
    if not d.pets:
        return "No pets of any kind are permitted on the Premises without the prior written consent " \
               "of " + c.L + "."
    kind, dep, rent = d.pets
    return (f"{c.T} may keep one (1) {kind} under the Pet Addendum, subject to a refundable pet deposit "
            f"of {fmt_money(dep)} and pet rent of {fmt_money(rent)} per month.")


def _parking(c):
    d = c.d
    if not d.parking:
        return "No parking is provided with the Premises; street parking is subject to city rules."
    kind, n, fee = d.parking
    if fee:
        return (f"{c.T} is assigned {count_phrase(n)} {kind} parking space{'s' if n > 1 else ''} at "
                f"{fmt_money(fee)} per month per space, payable with rent.")
    return f"{c.T} is assigned {count_phrase(n)} {kind} parking space at no additional charge."


def _utilities(c):
    d = c.d
    t = ", ".join(d.utilities[:3])
    return (f"{c.T} shall pay for {t} and {d.utilities[3]}. {c.L} shall pay for all other utilities "
            f"serving the Premises.")


def _free(c):
    return (f"Concession: {c.T} will receive one (1) month of free rent, applied to the second month "
            f"of the lease term. The concession is conditioned on {c.T} completing the full term.")


# ------------------------------------------------------------------------------------------------
# 1. residential-platform-labels: the old Python platform's label style
# ------------------------------------------------------------------------------------------------

def platform_labels(rng, budget, fixed=None):
    d = DL.residential(rng, {"flat_deposit": True})
    if fixed:
        for k, v in fixed.items():
            setattr(d, k, v)
        d.free = None
        d.end = DL.period_end(d.start, d.term)
        d.annual = d.monthly * 12
        d.psf = None
        d.area = None
    c = Ctx(rng, d, L="Landlord", T="Tenant", date_style="numeric", words=False)
    B = [doc.title("RESIDENTIAL LEASE AGREEMENT")]
    rows, tags = [], []

    def L(label, value, t=()):
        rows.append((label, value))
        tags.append(list(t))
    L("Landlord:", d.landlord, ["landlord"])
    L("Tenant:", d.tenant, ["tenant"])
    L("Property Address:", _addr(d), ["premises_address"])
    if d.unit:
        L("Unit:", d.unit, ["suite"])
    if d.area:
        L("Square Feet:", fmt_area(d.area), ["area_sf"])
    L("Lease Start Date:", fmt_date(d.start, "numeric"), ["commencement"])
    L("Lease End Date:", fmt_date(d.end, "numeric"), ["expiration", "term_months"])
    L("Monthly Rent:", fmt_money(d.monthly), TAG_RENT)
    L("Security Deposit:", fmt_money(d.deposit), ["security_deposit"])
    if d.late_kind == "flat":
        L("Late Fee:", fmt_money(d.late), ["late_fee"])
    elif d.late_kind == "pct":
        L("Late Fee:", f"{pct_text(d.late_pct, False)} of monthly rent")
    else:
        L("Late Fee:", f"{fmt_money(d.late_daily)} per day")
    B.append(doc.kv(rows, row_tags=tags, label_w=130, label_bold=False))
    B.append(doc.heading("TERMS AND CONDITIONS", before=10))
    terms = [("Rent", f"Rent is due on the 1st day of each month. Payment may be made through the "
                      f"resident portal or by check payable to {(d.agent or d.landlord).rstrip('.')}.", []),
             ("Late Fee", _late_text(c, 1), []),
             ("Utilities", _utilities(c), []),
             ("Pets", _pets(c), []),
             ("Parking", _parking(c), [])]
    if d.free:
        terms.append(("Move-In Special", _free(c), ["free_rent_months"]))
    rt = _renew_text(c)
    if rt:
        terms.append(("Renewal", rt, ["renewal_option_count", "renewal_term_months"]
                      if d.renew == "option" else []))
    terms += [(t, x, []) for t, x in _boiler(c, budget, rng)]
    for k, (t, x, tg) in enumerate(terms, 1):
        B.append(doc.para(x, lead=f"{k}. {t}.", tags=tg))
    B.append(doc.table([["Landlord", "Tenant"], ["______________________", "______________________"],
                        [d.landlord, d.tenant], ["Date: ___________", "Date: ___________"]],
                       [234, 234], ["l", "l"], header=1, rules=False, keep=True))
    st = dict(size=10, leading=13)
    return Built(B, d, st, footer_fn("pageof"), "Residential Lease Agreement",
                 txt_style=dict(label_cols=20), docx_style=dict(font="Arial", size=10))


# ------------------------------------------------------------------------------------------------
# 2. residential-apartment-community: apartment lease contract, "you"/"us", numbered paragraphs
# ------------------------------------------------------------------------------------------------

def apartment_community(rng, budget):
    d = DL.residential(rng, {"unit": True, "state_style": "full"})
    c = Ctx(rng, d, L="Owner", T="Resident", date_style="dayof", words=True)
    B = [doc.title("APARTMENT LEASE CONTRACT"), doc.para(d.community, align="center", bold=True),
         doc.para(f"Date of Lease Contract: {fmt_date(d.signing, 'long')} (when the Lease Contract is "
                  f"filled out)", align="center", size=9)]
    n = [0]

    def P(title, text, t=()):
        n[0] += 1
        B.append(doc.para(text, lead=f"{n[0]}. {title.upper()}.", tags=t))
    owner = d.landlord + (f", managed by {d.agent}" if d.agent else "")
    P("Parties", f"This Lease Contract (sometimes referred to as the \"Lease\") is between you, the "
                 f"resident(s) (list all people signing the Lease Contract): {d.tenant}; and us, the owner: "
                 f"{owner}. You've agreed to rent the "
                 f"apartment for use as a private residence only.", ["tenant", "landlord"])
    a = d.addr
    P("Apartment", f"You are renting Apartment No. {d.unit} at {a.number} {a.street} (street address) "
                   f"in {a.city} (city), {a.state}, {a.zip} (zip code) (the \"apartment\")."
      + (f" The apartment contains approximately {fmt_area(d.area)} square feet." if d.area else ""),
      ["suite", "premises_address"] + (["area_sf"] if d.area else []))
    P("Lease Term", f"The initial term of the Lease Contract begins on the {fmt_date(d.start, 'dayof')},"
                    f" and ends at 11:59 p.m. the {fmt_date(d.end, 'dayof')}.",
      ["commencement", "expiration", "term_months"])
    if d.deposit_kind == "flat":
        dep = (f"Unless modified by addenda, the total security deposit at the time of execution of "
               f"this Lease Contract for all residents in the apartment is {fmt_money(d.deposit)}, due "
               f"on or before the date this Lease Contract is signed.")
    else:
        dep = (f"The total security deposit for all residents is an amount equal to "
               f"{count_phrase(d.deposit_months)} {'months' if d.deposit_months > 1 else 'month'}{chr(39) if d.deposit_months > 1 else chr(39) + 's'} rent, due "
               f"on or before the date this Lease Contract is signed.")
    P("Security Deposit", dep, ["security_deposit"])
    P("Keys", f"You will be provided {count_phrase(rng.choice([1, 2]))} apartment key(s), one mailbox "
              f"key and one access card. Replacement keys are $25.00 each.")
    P("Rent and Charges", f"You will pay {fmt_money(d.monthly)} per month for rent, payable in advance and "
                          f"without demand at the on-site manager's office or through our online "
                          f"payment site, on or before the 1st day of each month. Cash is not "
                          f"acceptable without our prior written permission.", TAG_RENT)
    if d.free:
        B.append(doc.para(_free(c), indent=18, tags=["free_rent_months"]))
    P("Late Fees", _late_text(c, 0), ["late_fee"] if d.late_kind == "flat" else [])
    P("Utilities", "We'll pay for the following items: " + ", ".join(
        u for u in ["water", "gas", "electricity", "sewer", "trash", "internet", "cable"]
        if u not in d.utilities) + ". You'll pay for all other utilities, related deposits and any "
                                   "charges on your utility bills.")
    P("Animals", _pets(c))
    P("Parking", _parking(c))
    rt = _renew_text(c)
    if rt:
        P("Renewal and Month-to-Month", rt,
          ["renewal_option_count", "renewal_term_months"] if d.renew == "option" else [])
    P("Notice of Intent to Move Out", f"You must give us at least {d.notice_days} days' written notice of "
                                      f"move-out before the end of the lease term, even if the Lease "
                                      f"Contract has become a month-to-month lease.")
    for t, x in _boiler(c, budget, rng):
        P(t, x.replace("{T}", "Resident"))
    B.append(doc.para("Resident(s) and Owner have read and agree to this Lease Contract, including the "
                      "Community Policies and all addenda.", before=8))
    rows = [["Resident(s)", "Owner or Owner's Representative"]]
    for p in d.people:
        rows.append([f"{p}  ____________________", "" if len(rows) > 1 else "____________________"])
    B.append(doc.table(rows, [234, 234], ["l", "l"], header=1, rules=False, keep=True))
    st = dict(size=9.5, leading=11.8, justify=True)
    return Built(B, d, st, footer_fn("initials"), "Apartment Lease Contract",
                 txt_style=dict(), docx_style=dict(justify=True, font="Arial", size=9.5))


# ------------------------------------------------------------------------------------------------
# 3. residential-single-family: Lessor/Lessee house lease, capital headings, words and figures
# ------------------------------------------------------------------------------------------------

def single_family(rng, budget):
    d = DL.residential(rng, {"unit": rng.random() < 0.25})
    c = Ctx(rng, d, L="Lessor", T="Lessee", date_style=rng.choice(["long", "long_ord"]), words=True)
    B = [doc.title(rng.choice(["RESIDENTIAL LEASE FOR SINGLE FAMILY HOME OR DUPLEX",
                               "SINGLE FAMILY RESIDENTIAL LEASE", "HOUSE RENTAL AGREEMENT"]), size=13)]
    lessor = d.landlord + (f", {d.landlord_desc}" if d.landlord_desc else "")
    B.append(doc.para(f"This Residential Lease (\"Lease\") is entered into on {c.date(d.signing)} by and "
                      f"between {lessor} (\"Lessor\") and {d.tenant} (collectively, \"Lessee\").",
                      tags=["landlord", "tenant"]))

    def H(t):
        B.append(doc.heading(t.upper(), before=4))

    def P(text, t=()):
        B.append(doc.para(text, tags=t))
    H("1. Premises")
    kind = "duplex unit" if d.unit else "single family residence"
    P(f"Lessor leases to Lessee the {kind} located at {_addr_unit(d, 'Unit')}"
      + (f", containing approximately {fmt_area(d.area)} square feet of living area" if d.area else "")
      + f", together with the following appliances: {', '.join(d.appliances)} (the \"Premises\").",
      ["premises_address"] + (["suite"] if d.unit else []) + (["area_sf"] if d.area else []))
    H("2. Term")
    v = rng.randrange(2)
    if v == 0:
        P(f"The term of this Lease shall be {count_phrase(d.term)} months, commencing on "
          f"{c.date(d.start)} and ending on {c.date(d.end)}.",
          ["term_months", "commencement", "expiration"])
    else:
        P(f"This Lease begins on {c.date(d.start)} and continues for a term of "
          f"{count_phrase(d.term)} months.", ["term_months", "commencement", "expiration"])
    H("3. Rent")
    P(f"Lessee agrees to pay Lessor as rent for the Premises the sum of "
      f"{money_both(d.monthly, rng.choice([0, 2]))} per month, in advance, on the first day of each "
      f"calendar month, without deduction.", TAG_RENT)
    if d.free:
        P(_free(c), ["free_rent_months"])
    H("4. Security Deposit")
    if d.deposit_kind == "flat":
        P(f"Upon execution of this Lease, Lessee shall deposit with Lessor the sum of "
          f"{money_both(d.deposit)} as security for the performance of Lessee's obligations.",
          ["security_deposit"])
    else:
        P(f"Upon execution of this Lease, Lessee shall deposit with Lessor a security deposit equal to "
          f"{count_phrase(d.deposit_months)} {'months' if d.deposit_months > 1 else 'month'}{chr(39) if d.deposit_months > 1 else chr(39) + 's'} rent.",
          ["security_deposit"])
    H("5. Late Charge")
    P(_late_text(c, 0) + " A charge of $35.00 will be assessed for any returned check.",
      ["late_fee"] if d.late_kind == "flat" else [])
    H("6. Utilities")
    P(_utilities(c))
    H("7. Pets")
    P(_pets(c))
    H("8. Parking and Vehicles")
    P(_parking(c) + " No inoperable vehicles may be stored on the Premises.")
    H("9. Yard Maintenance")
    P("Lessee shall water, mow and maintain the lawn and landscaping and keep the driveway and walks "
      "free of snow, ice and debris.")
    rt = _renew_text(c)
    if rt:
        H("10. Renewal; Holding Over")
        P(rt, ["renewal_option_count", "renewal_term_months"] if d.renew == "option" else [])
    k = 11
    for t, x in _boiler(c, budget, rng):
        H(f"{k}. {t}")
        P(x)
        k += 1
    B.append(doc.para("IN WITNESS WHEREOF, the parties have signed this Lease on the date first written "
                      "above.", before=8))
    rows = [["LESSOR:", "LESSEE(S):"], [d.landlord, d.people[0]]]
    for p in d.people[1:]:
        rows.append(["", p])
    rows.append(["______________________", "______________________"])
    B.append(doc.table(rows, [234, 234], ["l", "l"], header=1, rules=False, keep=True))
    st = dict(size=11, leading=14, justify=rng.random() < 0.5)
    return Built(B, d, st, footer_fn(rng.choice(["pageof", "dash"])), "Residential Lease",
                 txt_style=dict(upper_headings=True), docx_style=dict(justify=st["justify"], size=11))


# ------------------------------------------------------------------------------------------------
# 4. residential-form-checkbox: fill-in form, checkboxes, money-due table, numeric dates
# ------------------------------------------------------------------------------------------------

def form_checkbox(rng, budget):
    d = DL.residential(rng)
    c = Ctx(rng, d, L="Landlord", T="Tenant", date_style="numeric", words=False)
    B = [doc.title("RESIDENTIAL LEASE AGREEMENT\n(Fixed Term)", size=13),
         doc.para(f"Form RL-{rng.randint(2, 9)} (Rev. {rng.randint(1, 12)}/{rng.randint(18, 23)})",
                  align="right", size=8)]

    def P(text, t=(), **kw):
        B.append(doc.para(text, tags=t, **kw))
    P(f"1. PARTIES. Landlord: {d.landlord}" + (f" (Agent: {d.agent})" if d.agent else "")
      + f"   Tenant(s): {d.tenant}", ["landlord", "tenant"])
    u = f"  Unit/Apt. #: {d.unit}" if d.unit else "  Unit/Apt. #: N/A"
    a = d.addr
    P(f"2. PROPERTY. Street Address: {a.number} {a.street}{u}   City: {a.city}   State: {a.state}   "
      f"ZIP: {a.zip}" + (f"   Approx. Sq. Ft.: {fmt_area(d.area)}" if d.area else ""),
      ["premises_address"] + (["suite"] if d.unit else []) + (["area_sf"] if d.area else []))
    P(f"3. TERM. [X] Fixed term beginning {fmt_date(d.start, 'numeric')} and ending "
      f"{fmt_date(d.end, 'numeric')}.   [ ] Month-to-month beginning ____________.",
      ["commencement", "expiration", "term_months"])
    P(f"4. RENT. Tenant agrees to pay $ {f'{d.monthly:,.2f}'} per month, due on the 1st day of each "
      f"month, payable to {d.agent or d.landlord}. [X] Check [X] Electronic payment [ ] Cash",
      TAG_RENT)
    dep_line = (fmt_money(d.deposit) if d.deposit_kind == "flat" else
                f"{fmt_money(d.deposit)} (equal to {d.deposit_months} "
                f"{'months' if d.deposit_months > 1 else 'month'}{chr(39) if d.deposit_months > 1 else chr(39) + 's'} rent)")
    P(f"5. SECURITY DEPOSIT. Tenant shall pay a security deposit of {dep_line}. No portion of the "
      f"deposit may be applied by Tenant to the last month's rent.", ["security_deposit"])
    rows = [["Category", "Total Due", "Paid", "Balance Due"]]
    first = d.monthly
    items = [("First month's rent", first), ("Security deposit", d.deposit)]
    if d.pets:
        items.append(("Pet deposit", d.pets[1]))
    items.append(("Key / access deposit", 50))
    items.append(("Application fee", 45))
    total = sum(x for _, x in items)
    for lab, x in items:
        rows.append([lab, fmt_money(x), "$0.00", fmt_money(x)])
    rows.append(["TOTAL", fmt_money(total), "$0.00", fmt_money(total)])
    P("6. MONEY DUE AT SIGNING.")
    B.append(doc.table(rows, [170, 100, 80, 100], ["l", "r", "r", "r"], indent=18))
    if d.late_kind == "flat":
        lt = (f"7. LATE CHARGE. If any rent is not received by the {ordinal(d.grace)} day after it is due, "
              f"Tenant shall pay a late charge of $ {f'{d.late:,.2f}'}.")
    elif d.late_kind == "pct":
        lt = (f"7. LATE CHARGE. If any rent is not received by the {ordinal(d.grace)} day after it is due, "
              f"Tenant shall pay a late charge of {pct_text(d.late_pct, False)} of the rent due.")
    else:
        lt = f"7. LATE CHARGE. " + _late_text(c, 1)
    P(lt, ["late_fee"] if d.late_kind == "flat" else [])
    if d.free:
        P("8. CONCESSION. [X] " + _free(c), ["free_rent_months"])
    util = ["water", "gas", "electricity", "sewer", "trash", "internet"]
    urows = [["Utility", "Landlord", "Tenant"]] + [
        [u.capitalize(), "" if u in d.utilities else "X", "X" if u in d.utilities else ""]
        for u in util]
    P("9. UTILITIES. Responsibility for utilities is marked below:")
    B.append(doc.table(urows, [150, 80, 80], ["l", "c", "c"], indent=18))
    P(f"10. PETS. [{'X' if d.pets else ' '}] Pets allowed per Pet Addendum  "
      f"[{' ' if d.pets else 'X'}] No pets. " + _pets(c))
    P(f"11. PARKING. " + _parking(c))
    if d.renew == "mtm":
        P(f"12. RENEWAL. [X] At the end of the fixed term this Lease converts to a month-to-month "
          f"tenancy unless either party gives {d.notice_days} days' written notice.  [ ] Lease ends at "
          f"end of term.")
    elif d.renew == "option":
        P(f"12. RENEWAL. [X] Option to renew: Tenant may renew for {d.renew_count} additional "
          f"term{'s' if d.renew_count > 1 else ''} of {d.renew_months} months "
          f"{'each ' if d.renew_count > 1 else ''}on written notice {d.notice_days} days before the "
          f"end of the term.", ["renewal_option_count", "renewal_term_months"])
    else:
        P("12. RENEWAL. [ ] Month-to-month  [X] Lease ends at end of term. Any renewal requires a "
          "new written lease.")
    for k, (t, x) in enumerate(_boiler(c, budget, rng), 13):
        P(f"{k}. {t.upper()}. {x}")
    rows = [["Landlord/Agent", "Date", "Tenant", "Date"],
            ["__________________", "________", "__________________", "________"]]
    B.append(doc.table(rows, [150, 80, 150, 80], ["l"] * 4, header=1, rules=False, keep=True,
                       before=8))
    st = dict(size=9.5, leading=12)
    return Built(B, d, st, footer_fn("initials"), "Residential Lease Agreement",
                 txt_style=dict(pipes=True), docx_style=dict(font="Arial", size=9.5))


LAYOUTS = {
    "residential-platform-labels": platform_labels,
    "residential-apartment-community": apartment_community,
    "residential-single-family": single_family,
    "residential-form-checkbox": form_checkbox,
}

DESCRIPTIONS = {
    "residential-platform-labels": "the old Python platform's label style (\"Lease Start Date: "
                                   "03/01/2024\", \"Monthly Rent: $3,850.00\", \"Security Deposit: "
                                   "$7,700.00\") then numbered terms",
    "residential-apartment-community": "apartment lease contract: \"you\"/\"us\", Resident/Owner, "
                                       "'1st day of March, 2024' dates, initial + daily late charges",
    "residential-single-family": "Lessor/Lessee house or duplex lease, capitalised headings, rent in "
                                 "words and figures, optional living area",
    "residential-form-checkbox": "fill-in form with [X] checkboxes, money-due-at-signing and "
                                 "utility tables (distractor amounts), numeric dates",
}
