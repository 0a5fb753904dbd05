"""Long lease boilerplate (use, assignment, insurance, indemnity, default, ...) with wording variants.

Each section is a list of paragraphs; each paragraph a list of sentence slots; a slot is one string
or a list of alternatives; a slot string starting with '?' is optional. {L}/{T} are the party
roles of the document ("Landlord"/"Lessor", "Tenant"/"Lessee"), {P} the premises word. Nothing
here states a truth value; the only figures are deliberate distractors filled in by the caller.
"""

SECTIONS = {}


def _s(key, title, paras):
    SECTIONS[key] = (title, paras)


_s("use", "Use", [
    [["{T} shall use the {P} solely for {use} and for no other purpose without the prior written "
      "consent of {L}.", "The {P} shall be used and occupied by {T} only for {use}, and for no other "
      "use or purpose."],
     ["{T} shall not use or permit the use of the {P} in any manner that would constitute a nuisance, "
      "create unreasonable noise or odors, or interfere with the rights of other occupants of the "
      "Building.", "{T} shall not commit waste, suffer any nuisance, or do anything in or about the "
      "{P} that would disturb other tenants of the Project."],
     "?{T} shall not overload the floors of the {P} beyond their rated design capacity.",
     ["{T} shall, at its sole cost, comply with all recorded covenants and with the rules and "
      "regulations adopted by {L} from time to time.", "{T} shall observe the rules and regulations "
      "attached hereto and any reasonable modifications thereof of which {T} is given notice."]],
])

_s("compliance", "Compliance with Laws", [
    [["{T} shall, at its expense, promptly comply with all laws, ordinances, orders, rules and "
      "regulations of any governmental authority now or hereafter in force that relate to {T}'s "
      "particular use of the {P}.", "{T} shall comply with all applicable laws, including the "
      "Americans with Disabilities Act, to the extent they apply to {T}'s use of, or alterations to, "
      "the {P}."],
     ["{L} shall be responsible for compliance of the structural portions of the Building and the "
      "common areas, the cost of which may be included in Operating Expenses to the extent permitted "
      "herein.", "Nothing herein shall require {T} to make structural changes unless required by "
      "{T}'s specific manner of use."],
     "?{T} shall not do anything that would invalidate or increase the cost of any insurance "
     "maintained by {L} on the Building."],
])

_s("assignment", "Assignment and Subletting", [
    [["{T} shall not assign, transfer, mortgage or encumber this Lease, nor sublet all or any part of "
      "the {P}, without the prior written consent of {L}, which consent shall not be unreasonably "
      "withheld, conditioned or delayed.", "{T} may not assign this Lease or sublease the {P} or any "
      "portion thereof without {L}'s prior written consent, which {L} may not unreasonably withhold."],
     ["Any attempted transfer without such consent shall be void and shall constitute a default "
      "hereunder.", "Any purported assignment or subletting made without consent shall, at {L}'s "
      "option, be null and void."],
     ["No consent shall release {T} from its obligations under this Lease, and {T} shall remain "
      "primarily liable for the payment of Rent and the performance of all covenants.",
      "Notwithstanding any transfer, {T} and any guarantor shall remain fully liable hereunder."]],
    [["If any sublease rent or assignment consideration exceeds the Rent payable hereunder, {T} shall "
      "pay to {L} fifty percent (50%) of such excess after deducting {T}'s reasonable costs of the "
      "transfer.", "{L} shall be entitled to one-half of any Transfer Premium received by {T}, net of "
      "brokerage commissions and reasonable attorneys' fees."],
     "?{T} shall reimburse {L} for its reasonable attorneys' fees, not to exceed $1,500.00, incurred "
     "in connection with any request for consent.",
     ["A transfer to an entity controlling, controlled by or under common control with {T}, or to a "
      "successor by merger, shall not require consent, provided that the net worth of the successor is "
      "not less than that of {T} on the date hereof.", "Notwithstanding the foregoing, {T} may assign "
      "this Lease to an Affiliate without {L}'s consent upon thirty (30) days' prior written notice."]],
])

_s("alterations", "Alterations", [
    [["{T} shall not make any alterations, additions or improvements to the {P} (\"Alterations\") "
      "without {L}'s prior written consent, except for cosmetic Alterations costing less than "
      "$10,000.00 in the aggregate in any calendar year.", "{T} shall make no alterations, "
      "installations, additions or improvements in or to the {P} without first obtaining {L}'s written "
      "approval of plans and specifications."],
     ["All Alterations shall be performed in a good and workmanlike manner by licensed contractors "
      "approved by {L}, in compliance with all applicable laws.", "Any work shall be done at {T}'s "
      "sole cost by contractors reasonably acceptable to {L} and carrying the insurance required by "
      "{L}."],
     ["{T} shall pay {L} a supervision fee equal to three percent (3%) of the cost of any Alterations "
      "requiring a building permit.", "?{L} may require {T} to remove any Alterations at the end of "
      "the Term and to restore the {P} to their prior condition, reasonable wear and tear excepted."]],
    [["{T} shall keep the {P} and the Building free from any liens arising out of work performed, "
      "materials furnished or obligations incurred by or on behalf of {T}.", "Should any mechanic's or "
      "other lien be filed against the Building by reason of {T}'s acts, {T} shall cause the same to "
      "be discharged of record within ten (10) days after notice thereof."],
     "?If {T} fails to do so, {L} may discharge the lien and {T} shall reimburse {L} upon demand as "
     "Additional Rent."],
])

_s("repairs", "Repairs and Maintenance", [
    [["{L} shall maintain in good condition and repair the roof, foundation, exterior walls and "
      "structural elements of the Building and the base building mechanical, electrical and plumbing "
      "systems, except for damage caused by {T}.", "Subject to reimbursement as provided herein, {L} "
      "shall repair and maintain the structural portions of the Building and the Common Areas."],
     ["{T} shall, at its expense, keep the interior of the {P} in good, clean and safe condition and "
      "shall promptly make all repairs necessitated by its use.", "{T} shall maintain the interior, "
      "non-structural portions of the {P}, including all fixtures, doors, interior glass and floor "
      "coverings, in first-class condition."],
     "?{T} hereby waives any right to make repairs at {L}'s expense under any law now or hereafter in "
     "effect."],
])

_s("services", "Services and Utilities", [
    [["{L} shall furnish heating, ventilation and air conditioning during Business Hours, which are "
      "7:00 a.m. to 6:00 p.m. Monday through Friday and 8:00 a.m. to 1:00 p.m. on Saturday, excluding "
      "holidays.", "During normal business hours {L} shall provide HVAC service, elevator service, "
      "restroom supplies and electricity for lighting and standard office equipment."],
     ["After-hours HVAC shall be furnished upon request at {L}'s then-standard hourly charge, currently "
      "$65.00 per hour per zone.", "?Overtime HVAC is available at the rate of $55.00 per hour, "
      "subject to change."],
     ["{L} shall not be liable for any interruption of services caused by repairs, strikes, accidents "
      "or other causes beyond {L}'s reasonable control, nor shall any such interruption constitute an "
      "eviction.", "No failure or interruption of any utility or service shall entitle {T} to any "
      "abatement of Rent except as expressly provided herein."]],
])

_s("insurance", "Insurance", [
    [["{T} shall maintain, throughout the Term, commercial general liability insurance with limits of "
      "not less than {lim1} per occurrence and {lim2} in the aggregate, naming {L} and its property "
      "manager as additional insureds.", "{T} shall, at its expense, carry commercial general "
      "liability insurance on an occurrence basis with a combined single limit of at least {lim1} per "
      "occurrence and {lim2} general aggregate."],
     ["{T} shall also carry \"special form\" property insurance covering its personal property, trade "
      "fixtures and improvements for their full replacement cost, business interruption insurance, and "
      "workers' compensation insurance as required by law.", "In addition, {T} shall maintain property "
      "insurance on its furniture, equipment and leasehold improvements in an amount equal to one "
      "hundred percent (100%) of their replacement cost."],
     ["All policies shall be issued by insurers rated A-/VIII or better by A.M. Best and shall "
      "provide that they may not be cancelled without thirty (30) days' prior notice to {L}.",
      "Certificates evidencing such coverage shall be delivered to {L} before {T} enters the {P} and "
      "upon each renewal."]],
    [["{L} shall maintain property insurance on the Building in an amount not less than the full "
      "replacement cost thereof, and commercial general liability insurance in such amounts as {L} "
      "deems reasonable.", "?The cost of {L}'s insurance shall be included in Operating Expenses."]],
])

_s("indemnity", "Indemnification", [
    [["Except to the extent caused by the negligence or willful misconduct of {L}, {T} shall "
      "indemnify, defend and hold harmless {L}, its members, managers, agents and employees from and "
      "against any and all claims, damages, losses, costs and expenses (including reasonable "
      "attorneys' fees) arising from {T}'s use of the {P} or any act or omission of {T} or its "
      "agents, employees or invitees.", "{T} shall indemnify and hold {L} harmless from all claims "
      "arising out of the conduct of {T}'s business in the {P}, any breach of this Lease by {T}, or "
      "any negligent act of {T} or its contractors, together with all costs incurred in defending "
      "such claims."],
     ["{L} shall indemnify {T} against claims arising in the Common Areas to the extent caused by "
      "{L}'s negligence.", "Subject to the waiver of subrogation below, {L} shall indemnify and hold "
      "{T} harmless from claims to the extent resulting from the gross negligence of {L}."],
     "?The provisions of this Section shall survive the expiration or earlier termination of this "
     "Lease."],
])

_s("waiver", "Waiver of Subrogation", [
    [["{L} and {T} each waive any right of recovery against the other for any loss or damage to its "
      "property to the extent that such loss is covered, or would be covered, by the property "
      "insurance required to be carried hereunder.", "Each party hereby releases the other from any "
      "liability for loss or damage to property that is insured or required to be insured, regardless "
      "of cause."],
     ["Each party shall cause its insurance policies to include a waiver of the insurer's rights of "
      "subrogation against the other party.", "Each party shall obtain from its insurers an "
      "endorsement permitting this waiver."]],
])

_s("casualty", "Damage or Destruction", [
    [["If the {P} or the Building are damaged by fire or other casualty, {L} shall, within sixty "
      "(60) days after the casualty, deliver to {T} a good-faith estimate of the time required to "
      "restore the damage.", "In the event of a fire or other casualty affecting the {P}, {L} shall "
      "notify {T} within forty-five (45) days of the estimated time to complete repairs."],
     ["If the estimated restoration period exceeds two hundred seventy (270) days, either party may "
      "terminate this Lease by written notice within thirty (30) days after delivery of the estimate.",
      "Should repairs not reasonably be completed within nine (9) months, either {L} or {T} may "
      "terminate this Lease."],
     ["Until restoration is complete, Rent shall abate in the proportion that the unusable area of the "
      "{P} bears to the total area of the {P}.", "Rent shall be equitably abated during restoration to "
      "the extent the {P} are untenantable."]],
])

_s("condemnation", "Condemnation", [
    [["If all of the {P} are taken by eminent domain, this Lease shall terminate on the date of the "
      "taking.", "If the whole of the {P}, or so much thereof as to render the balance unusable for "
      "{T}'s business, is taken under the power of eminent domain, this Lease shall terminate as of "
      "the date possession is taken."],
     ["If a part of the {P} is taken and this Lease is not terminated, Rent shall be reduced in "
      "proportion to the area taken.", "In the case of a partial taking, the Rent shall be reduced "
      "proportionately."],
     ["All compensation awarded for any taking shall belong to {L}, except that {T} may pursue a "
      "separate award for its moving expenses and trade fixtures.", "{T} hereby assigns to {L} all "
      "of its interest in any award, other than any award for {T}'s relocation costs."]],
])

_s("default", "Events of Default", [
    [["Each of the following shall constitute an \"Event of Default\": (a) {T} fails to pay any Rent "
      "when due and such failure continues for five (5) days after written notice; (b) {T} fails to "
      "perform any other obligation and such failure continues for thirty (30) days after written "
      "notice, provided that if the failure cannot reasonably be cured within such period, {T} shall "
      "have such additional time as is reasonably necessary so long as {T} diligently pursues the cure; "
      "(c) {T} abandons the {P}; or (d) {T} becomes insolvent, makes an assignment for the benefit of "
      "creditors, or has a petition in bankruptcy filed by or against it that is not dismissed within "
      "sixty (60) days.",
      "The occurrence of any one or more of the following shall be an Event of Default by {T}: "
      "(i) failure to pay Rent within ten (10) days after the same is due; (ii) failure to observe or "
      "perform any other covenant within thirty (30) days after notice from {L}; (iii) the vacating or "
      "abandonment of the {P}; or (iv) the filing of any petition in bankruptcy or insolvency by or "
      "against {T}."]],
])

_s("remedies", "Remedies", [
    [["Upon an Event of Default, {L} may, in addition to any other remedies available at law or in "
      "equity, (a) terminate this Lease by written notice to {T}; (b) re-enter the {P} and remove all "
      "persons and property therefrom; (c) relet the {P} for the account of {T}; and (d) recover from "
      "{T} all damages incurred by reason of the default, including the cost of recovering possession, "
      "reasonable attorneys' fees, brokerage commissions and the cost of reletting.",
      "If an Event of Default occurs, {L} shall have the right, with or without terminating this "
      "Lease, to re-enter the {P}, to relet the {P} or any part thereof for such term and at such rent "
      "as {L} may deem advisable, and to recover from {T} the deficiency, if any, between the Rent "
      "reserved hereunder and the net proceeds of reletting."],
     ["{L} may also recover the worth at the time of award of the amount by which the unpaid Rent for "
      "the balance of the Term exceeds the amount of rental loss {T} proves could be reasonably "
      "avoided, discounted at the discount rate of the Federal Reserve Bank plus one percent (1%).",
      "?All remedies are cumulative and the exercise of one shall not preclude the exercise of any "
      "other."],
     "?{L} shall use commercially reasonable efforts to mitigate its damages to the extent required by "
     "applicable law."],
])

_s("landlord_default", "Landlord's Default", [
    [["{L} shall not be in default unless {L} fails to perform its obligations within thirty (30) days "
      "after written notice from {T} specifying the failure.", "{L} shall be in default only if it "
      "fails to perform an obligation within a reasonable time, but in no event later than thirty (30) "
      "days, after notice by {T}."],
     ["{T}'s remedies shall be limited to actual damages, and in no event shall {T} have the right to "
      "terminate this Lease or withhold Rent.", "?Any mortgagee whose name and address have been "
      "furnished to {T} shall be given a copy of any such notice and an opportunity to cure."]],
])

_s("surrender", "Surrender", [
    [["Upon the expiration or earlier termination of the Term, {T} shall surrender the {P} to {L} "
      "broom clean and in good order, condition and repair, ordinary wear and tear and casualty "
      "excepted.", "At the end of the Term, {T} shall peaceably deliver possession of the {P} in the "
      "same condition as received, reasonable wear and tear excepted."],
     ["{T} shall remove all of its personal property and, if required by {L}, its telecommunications "
      "cabling, and shall repair any damage caused by such removal.", "Any property left in the {P} "
      "after surrender shall be deemed abandoned and may be disposed of by {L} at {T}'s expense."]],
])

_s("holdover", "Holding Over", [
    [["If {T} remains in possession of the {P} after the expiration or termination of the Term without "
      "{L}'s written consent, such occupancy shall be a tenancy at sufferance, and {T} shall pay Base "
      "Rent equal to {hold} of the Base Rent in effect immediately prior to such expiration, prorated "
      "on a daily basis, together with all Additional Rent.",
      "Any holding over after the expiration of the Term shall be construed as a month-to-month "
      "tenancy at a monthly rental equal to {hold} of the monthly Base Rent payable for the last month "
      "of the Term, and otherwise on the terms hereof."],
     ["{T} shall also be liable for all damages sustained by {L} as a result of such holding over if it "
      "continues for more than thirty (30) days.", "?Acceptance of Rent after expiration shall not "
      "constitute a renewal of this Lease."]],
])

_s("subordination", "Subordination; Estoppel Certificates", [
    [["This Lease is and shall be subordinate to any mortgage, deed of trust or ground lease now or "
      "hereafter encumbering the Building, provided that the holder thereof agrees not to disturb "
      "{T}'s possession so long as no Event of Default exists.", "This Lease shall be subject and "
      "subordinate to all present and future mortgages affecting the Building; {T} shall execute a "
      "commercially reasonable subordination, non-disturbance and attornment agreement upon request."],
     ["Within ten (10) business days after request, {T} shall deliver an estoppel certificate "
      "certifying that this Lease is in full force and effect, the dates to which Rent has been paid, "
      "and such other matters as {L} or its lender may reasonably request.", "{T} shall, within ten "
      "(10) days after written request, execute and deliver a statement certifying the status of this "
      "Lease."]],
])

_s("quiet", "Quiet Enjoyment", [
    [["So long as {T} pays the Rent and performs its obligations hereunder, {T} shall peaceably and "
      "quietly hold and enjoy the {P} for the Term without hindrance by {L} or anyone claiming through "
      "{L}, subject to the terms of this Lease.", "{L} covenants that {T}, on paying the Rent and "
      "performing its covenants, shall peaceably and quietly have, hold and enjoy the {P}."]],
])

_s("access", "Entry by Landlord", [
    [["{L} may enter the {P} at reasonable times upon at least twenty-four (24) hours' notice (except "
      "in an emergency) to inspect, to make repairs, to show the {P} to prospective purchasers, "
      "lenders or, during the last twelve (12) months of the Term, prospective tenants.",
      "{L} and its agents shall have the right to enter the {P} upon reasonable prior notice for the "
      "purpose of inspecting the same, making repairs and exhibiting the {P} to prospective lenders, "
      "purchasers or tenants."],
     ["No such entry shall constitute an eviction or entitle {T} to any abatement of Rent.",
      "?{L} shall use reasonable efforts to minimize interference with {T}'s business."]],
])

_s("hazmat", "Hazardous Materials", [
    [["{T} shall not cause or permit any Hazardous Materials to be brought upon, kept or used in or "
      "about the {P} except for ordinary office and cleaning supplies in compliance with all "
      "Environmental Laws.", "{T} shall not use, store or dispose of any hazardous substance in the "
      "{P} other than customary quantities of products used in the ordinary course of {T}'s "
      "business, and then only in compliance with law."],
     ["{T} shall indemnify {L} against all costs of remediation and all claims arising from any "
      "release of Hazardous Materials by {T} or its agents.", "?This covenant shall survive the "
      "expiration or termination of this Lease."]],
])

_s("signs", "Signs", [
    [["{T} shall be entitled, at {L}'s expense, to Building-standard suite entry signage and a "
      "listing in the Building directory.", "{T} shall not place any sign on the exterior of the "
      "{P} or the Building without {L}'s prior written approval."],
     ["?Any signage shall conform to {L}'s sign criteria and all applicable codes.",
      "?{T} shall remove its signs at the end of the Term and repair any damage caused thereby."]],
])

_s("parking", "Parking", [
    [["During the Term, {T} shall have the right to use {spaces} unreserved parking spaces in the "
      "Building's parking facility at the prevailing monthly rate, which is currently {pcharge} per "
      "space per month.", "{L} shall make available to {T} up to {spaces} parking permits for use in "
      "the parking garage at a charge of {pcharge} per permit per month, subject to adjustment from "
      "time to time."],
     ["Parking charges shall be payable as Additional Rent together with monthly Base Rent.",
      "?{L} may designate the location of parking and adopt reasonable parking rules."]],
])

_s("brokers", "Brokers", [
    [["{L} and {T} each represent that it has dealt with no broker in connection with this Lease other "
      "than {b1} (\"{L}'s Broker\") and {b2} (\"{T}'s Broker\").", "The parties acknowledge that "
      "{b1} represents {L} and {b2} represents {T} in this transaction."],
     ["{L} shall pay any commission due to the Brokers pursuant to separate written agreements.",
      "Each party shall indemnify the other against claims by any other broker claiming through it."]],
])

_s("liability", "Limitation of Landlord's Liability", [
    [["The liability of {L} under this Lease shall be limited to {L}'s interest in the Building, "
      "including the rents and proceeds thereof, and no personal liability shall attach to {L} or "
      "its members, partners, officers or employees.", "{T} shall look solely to {L}'s equity in the "
      "Building for the satisfaction of any judgment against {L}."],
     "?In no event shall {L} be liable for consequential damages or lost profits."],
])

_s("force", "Force Majeure", [
    [["Neither party shall be in default for any delay in performance (other than the payment of "
      "money) caused by strikes, acts of God, pandemic, governmental restrictions, shortages of labor "
      "or materials, or other causes beyond its reasonable control.", "Any prevention, delay or "
      "stoppage due to strikes, lockouts, labor disputes, acts of God, inability to obtain services, "
      "governmental actions, civil commotions, fire or other casualty shall excuse the performance of "
      "the affected party for a period equal to the delay."]],
])

_s("misc", "Miscellaneous", [
    [["This Lease shall be governed by the laws of the State in which the Building is located.",
      "This Lease shall be construed in accordance with the laws of the state where the {P} are "
      "situated."],
     ["If any provision of this Lease is held invalid, the remaining provisions shall remain in full "
      "force and effect.", "The invalidity of any provision shall not affect any other provision."],
     ["Time is of the essence of each provision of this Lease.", "?Time is of the essence hereof."],
     ["This Lease, including its exhibits, contains the entire agreement of the parties and supersedes "
      "all prior negotiations, letters of intent and agreements.", "This Lease constitutes the entire "
      "agreement between {L} and {T}, and no prior statement or representation shall be binding."],
     ["This Lease may be executed in counterparts, and electronic signatures shall be deemed "
      "originals.", "?This Lease may be signed in any number of counterparts, each of which shall be "
      "an original."]],
    [["In any action to enforce this Lease, the prevailing party shall be entitled to recover its "
      "reasonable attorneys' fees and costs.", "?Should either party bring suit hereunder, the "
      "prevailing party shall recover its costs and reasonable attorneys' fees."],
     ["EACH PARTY WAIVES TRIAL BY JURY IN ANY ACTION ARISING OUT OF THIS LEASE.",
      "?THE PARTIES HEREBY WAIVE THEIR RIGHT TO A JURY TRIAL."],
     ["{T} shall not record this Lease or any memorandum hereof without {L}'s consent.",
      "?Neither this Lease nor any memorandum thereof shall be recorded by {T}."]],
])

_s("rules", "Rules and Regulations", [
    [["{T} shall faithfully observe the Rules and Regulations attached hereto and such reasonable "
      "changes therein as {L} may make, provided that such changes are applied in a "
      "non-discriminatory manner.", "{T} and its employees and invitees shall comply with the "
      "Building rules, which {L} may amend from time to time upon notice to {T}."],
     "?{L} shall not be responsible to {T} for the non-observance of the rules by any other tenant."],
])

_s("ofac", "OFAC Certification", [
    [["{T} certifies that neither it nor any of its principals is named as a \"Specially Designated "
      "National and Blocked Person\" by the Office of Foreign Assets Control of the United States "
      "Department of the Treasury.", "Each party represents that it is not a person with whom U.S. "
      "persons are restricted from doing business under regulations of the Office of Foreign Asset "
      "Control."]],
])

_s("relocation", "Relocation", [
    [["{L} may, upon not less than sixty (60) days' notice, relocate {T} to other space in the "
      "Building of comparable size and utility, at {L}'s sole cost, including the cost of moving and "
      "of reprinting stationery.", "{L} reserves the right to substitute for the {P} other "
      "comparable premises in the Building, in which event {L} shall pay all reasonable moving "
      "costs."],
     "?Upon such relocation, the substitute space shall be deemed the {P} for all purposes hereof, "
     "and the Rent shall not increase."],
])

_s("confidentiality", "Confidentiality", [
    [["{T} shall keep the terms of this Lease confidential and shall not disclose them to any third "
      "party other than its attorneys, accountants, lenders and prospective assignees who agree to "
      "keep them confidential.", "The economic terms of this Lease are confidential and shall not be "
      "disclosed by {T} except as required by law."]],
])

_s("financial", "Financial Statements", [
    [["Within thirty (30) days after {L}'s request, but not more than once in any calendar year, {T} "
      "shall deliver to {L} its most recent annual financial statements, certified by an officer of "
      "{T}.", "?Upon request, {T} shall furnish its current balance sheet and income statement, which "
      "{L} shall hold in confidence."]],
])

_s("medical", "Medical Use Provisions", [
    [["{T} shall contract with a licensed medical waste hauler for the removal of all medical and "
      "biohazardous waste from the {P} and shall not dispose of any such waste in the Building's "
      "trash facilities.", "All infectious waste shall be stored in approved containers and removed "
      "by a licensed contractor at {T}'s sole cost."],
     ["{T} shall be solely responsible for compliance with HIPAA and all other laws governing patient "
      "records.", "?{T} shall not install any x-ray or imaging equipment without lead shielding "
      "approved by {L}'s engineer."]],
])

_s("radius", "Radius Restriction and Operating Covenant", [
    [["During the Term, neither {T} nor any affiliate shall operate a similar business within a radius "
      "of three (3) miles of the Shopping Center.", "{T} shall not, directly or indirectly, own or "
      "operate any store of a similar nature within five (5) miles of the Shopping Center."],
     ["{T} shall continuously operate its business in the entire {P} during the Center's standard "
      "hours, which are currently 10:00 a.m. to 9:00 p.m. Monday through Saturday and 12:00 noon to "
      "6:00 p.m. on Sunday.", "{T} shall keep the {P} open for business at least during the hours "
      "established by {L} for the Shopping Center."]],
])

_s("industrial_ops", "Loading, Storage and Floor Load", [
    [["{T} shall not store any goods or materials outside the {P} and shall keep the loading docks "
      "and truck courts free of debris.", "No outside storage of any kind shall be permitted, and "
      "trailers may be parked only in areas designated by {L}."],
     ["{T} shall not place a load upon any floor exceeding the floor's design capacity, and shall not "
      "install racking exceeding twelve (12) feet in height without a permit.", "?Forklifts and other "
      "equipment shall be operated only by trained personnel."]],
])


def paragraphs(key, rng, **fmt):
    """Render one section: (title, [paragraph text])."""
    title, paras = SECTIONS[key]
    out = []
    for p in paras:
        sent = []
        for j, slot in enumerate(p):
            alts = slot if isinstance(slot, list) else [slot]
            s = rng.choice(alts)
            if s.startswith("?"):
                if rng.random() < 0.5 and (sent or j < len(p) - 1):
                    continue
                s = s[1:]
            sent.append(s)
        if sent:
            out.append(" ".join(sent).format(**fmt))
    return title, out


COMMON = ["use", "compliance", "assignment", "alterations", "repairs", "services", "insurance",
          "indemnity", "waiver", "casualty", "condemnation", "default", "remedies",
          "landlord_default", "surrender", "holdover", "subordination", "quiet", "access", "hazmat",
          "signs", "parking", "brokers", "liability", "force", "rules", "ofac", "relocation",
          "confidentiality", "financial", "misc"]
