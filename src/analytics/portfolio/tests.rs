//! Unit tests of `analytics::portfolio`: hand-computed cases, arithmetic in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

const A: u128 = 1;
const B: u128 = 2;
const C: u128 = 3;

fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
}

fn close_opt(got: Option<f64>, want: f64) {
    close(got.expect("a value"), want);
}

/// First day of a month.
fn d(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn property(n: u128, property_type: &str, market: &str, stage: &str) -> PropertyRow {
    PropertyRow {
        id: id(n),
        property_type: property_type.into(),
        market: market.into(),
        pipeline_stage: stage.into(),
        building_area_sf: None,
        purchase_price: None,
        list_price: None,
        valuations: Vec::new(),
        noi_year1: None,
        hazard_score: None,
    }
}

fn lease(n: u128, area_sf: f64) -> LeaseRow {
    LeaseRow {
        property_id: id(n),
        tenant: None,
        vacant: false,
        area_sf,
        start: None,
        end: None,
        rent_psf: None,
        escalation_pct: 0.0,
        market_rent_psf: None,
    }
}

fn loan(n: u128, rate: f64, amortization_years: f64, io_months: i32) -> LoanRow {
    LoanRow {
        property_id: id(n),
        amount: None,
        ltv: None,
        rate,
        amortization_years,
        io_months,
    }
}

fn input(properties: Vec<PropertyRow>, leases: Vec<LeaseRow>, loans: Vec<LoanRow>) -> PortfolioInput {
    PortfolioInput {
        as_of: as_of(),
        properties,
        leases,
        units: Vec::new(),
        loans,
    }
}

fn tenant(name: &str) -> Option<String> {
    Some(name.to_owned())
}

/// Two offices and a multifamily, as of 2025-06-15 (month index 2025·12 + 5).
///
/// - A: office, Austin, closed; 10,000 sf; bought 2.0M; dcf 2.5M (and comp-critic 2.4M); NOI 150k;
///   hazard 0.7. Rows: Acme 4,000 sf, " acme " 1,000 sf, a vacant 2,000 sf, Beta 1,500 sf expired.
/// - B: office, Dallas, closed; no building area, no purchase price; comp-critic 1.0M (list 1.2M);
///   NOI 80k; hazard 0.2. Rows: Gamma 3,000 sf, Delta 1,000 sf not started, unnamed 500 sf.
/// - C: multifamily, Austin, sourced; bought 3.0M, no valuation; NOI 210k; two unit types.
fn fixture() -> PortfolioInput {
    let a = PropertyRow {
        building_area_sf: Some(10_000.0),
        purchase_price: Some(2_000_000.0),
        valuations: vec![("comp-critic".into(), 2_400_000.0), ("dcf".into(), 2_500_000.0)],
        noi_year1: Some(150_000.0),
        hazard_score: Some(0.7),
        ..property(A, "office", "Austin, TX", "closed")
    };
    let b = PropertyRow {
        list_price: Some(1_200_000.0),
        valuations: vec![("comp-critic".into(), 1_000_000.0)],
        noi_year1: Some(80_000.0),
        hazard_score: Some(0.2),
        ..property(B, "office", "Dallas, TX", "closed")
    };
    let c = PropertyRow {
        purchase_price: Some(3_000_000.0),
        noi_year1: Some(210_000.0),
        ..property(C, "multifamily", "Austin, TX", "sourced")
    };
    let leases = vec![
        // L1: 2023-03 → 2025-06 is 27 months, k = 2: 4,000 × 25 × 1.1² = 121,000.
        LeaseRow {
            tenant: tenant("Acme"),
            start: Some(d(2023, 3)),
            end: Some(d(2027, 12)),
            rent_psf: Some(25.0),
            escalation_pct: 0.10,
            market_rent_psf: Some(28.0),
            ..lease(A, 4_000.0)
        },
        // L2: starts this month, k = 0: 1,000 × 20 = 20,000.
        LeaseRow {
            tenant: tenant(" acme "),
            start: Some(d(2025, 6)),
            end: Some(d(2026, 5)),
            rent_psf: Some(20.0),
            escalation_pct: 0.05,
            market_rent_psf: Some(22.0),
            ..lease(A, 1_000.0)
        },
        // L3: vacant: 2,000 × 30 = 60,000 of market rent not collected.
        LeaseRow {
            vacant: true,
            market_rent_psf: Some(30.0),
            ..lease(A, 2_000.0)
        },
        // L4: ended 2025-05, before the as_of month: 1,500 × 35 = 52,500 of market rent.
        LeaseRow {
            tenant: tenant("Beta"),
            start: Some(d(2020, 1)),
            end: Some(d(2025, 5)),
            rent_psf: Some(40.0),
            market_rent_psf: Some(35.0),
            ..lease(A, 1_500.0)
        },
        // L5: no start, so k = 0 despite the 3% escalation: 3,000 × 20 = 60,000.
        LeaseRow {
            tenant: tenant("Gamma"),
            end: Some(d(2026, 12)),
            rent_psf: Some(20.0),
            escalation_pct: 0.03,
            ..lease(B, 3_000.0)
        },
        // L6: starts 2025-07, after the as_of month; no market rent → 0.
        LeaseRow {
            tenant: tenant("Delta"),
            start: Some(d(2025, 7)),
            end: Some(d(2030, 6)),
            rent_psf: Some(30.0),
            ..lease(B, 1_000.0)
        },
        // L7: unnamed, no rent, no end: leased area, 0 rent, out of WALE and the ladder.
        LeaseRow {
            start: Some(d(2024, 1)),
            ..lease(B, 500.0)
        },
    ];
    let units = vec![
        UnitRow {
            property_id: id(C),
            units: 10,
            current_rent: 1_500.0,
            market_rent: 1_600.0,
        },
        UnitRow {
            property_id: id(C),
            units: 20,
            current_rent: 1_000.0,
            market_rent: 1_250.0,
        },
    ];
    let loans = vec![
        LoanRow {
            amount: Some(1_500_000.0),
            ..loan(A, 0.06, 30.0, 6)
        },
        // B: no amount, no purchase price → 0.5 × carrying value 1.0M = 500,000.
        LoanRow {
            ltv: Some(0.5),
            ..loan(B, 0.0, 25.0, 0)
        },
        // C: no amount → 0.6 × purchase price 3.0M = 1,800,000; amortization 0 → interest-only.
        LoanRow {
            ltv: Some(0.6),
            ..loan(C, 0.05, 0.0, 0)
        },
    ];
    PortfolioInput {
        as_of: as_of(),
        properties: vec![a, b, c],
        leases,
        units,
        loans,
    }
}

/// Year-1 service of A: 6 IO months of 1.5M × 0.06 / 12 = 7,500, then 6 level payments of
/// 1.5M × 0.005 / (1 − 1.005^−360) ≈ 8,993.26 → 45,000 + 53,959.55 ≈ 98,959.55.
fn service_a() -> f64 {
    let i = 0.06 / 12.0;
    let payment = 1_500_000.0 * i / (1.0 - (1.0_f64 + i).powi(-360));
    close(payment, 8_993.257_877_291_355);
    6.0 * 7_500.0 + 6.0 * payment
}

#[test]
fn carrying_value_is_dcf_then_comp_critic_then_purchase_then_list() {
    let with = |n, valuations: Vec<(&str, f64)>, purchase, list| PropertyRow {
        valuations: valuations.into_iter().map(|(m, v)| (m.to_owned(), v)).collect(),
        purchase_price: purchase,
        list_price: list,
        ..property(n, "office", "X, TX", "sourced")
    };
    let s = summarize(&input(
        vec![
            with(1, vec![("comp-critic", 9.0), ("dcf", 10.0)], Some(8.0), Some(7.0)), // dcf 10
            with(2, vec![("avm", 99.0), ("comp-critic", 20.0)], Some(8.0), None),     // comp-critic 20
            with(3, vec![("avm", 99.0)], Some(30.0), Some(31.0)),                     // purchase 30
            with(4, Vec::new(), None, Some(40.0)),                                    // list 40
            with(5, Vec::new(), None, None),                                          // counts, no value
        ],
        Vec::new(),
        Vec::new(),
    ));
    assert_eq!((s.count, s.valued_count), (5, 4));
    close(s.total_value, 100.0); // 10 + 20 + 30 + 40
    let by: Vec<(&str, usize, f64)> = s
        .value_by_model
        .iter()
        .map(|m| (m.model.as_str(), m.count, m.total))
        .collect();
    assert_eq!(
        by,
        vec![
            ("comp-critic", 1, 20.0),
            ("dcf", 1, 10.0),
            ("list-price", 1, 40.0),
            ("purchase-price", 1, 30.0)
        ]
    );
}

#[test]
fn values_noi_and_going_in_cap_rate() {
    let s = summarize(&fixture());
    assert_eq!((s.count, s.valued_count, s.noi_count), (3, 3, 3));
    close(s.total_value, 6_500_000.0); // 2.5M dcf + 1.0M comp-critic + 3.0M purchase
    let models: Vec<&str> = s.value_by_model.iter().map(|m| m.model.as_str()).collect();
    assert_eq!(models, ["comp-critic", "dcf", "purchase-price"]);
    close(s.noi_year1, 440_000.0); // 150k + 80k + 210k
    // With NOI and a deal price (purchase, else list): A 2.0M, B's list 1.2M, C 3.0M →
    // (150k + 80k + 210k) / 6.2M = 0.0709677…
    close_opt(s.going_in_cap_rate, 440_000.0 / 6_200_000.0);
}

#[test]
fn escalation_counts_whole_years_from_the_start_month() {
    let now = month_index(as_of()); // 2025-06
    let base = LeaseRow {
        rent_psf: Some(10.0),
        escalation_pct: 0.05,
        ..lease(A, 1_000.0)
    };
    let from = |start| LeaseRow {
        start: Some(start),
        ..base.clone()
    };
    close(in_place_rent(&from(d(2025, 6)), now), 10_000.0); // 0 months: 1,000 × 10
    close(in_place_rent(&from(d(2023, 7)), now), 10_500.0); // 23 months → k = 1: × 1.05
    close(in_place_rent(&from(d(2023, 6)), now), 11_025.0); // 24 months → k = 2: × 1.05²
    close(in_place_rent(&base, now), 10_000.0); // no start → k = 0
    let free = LeaseRow {
        rent_psf: None,
        ..from(d(2020, 1))
    };
    close(in_place_rent(&free, now), 0.0);
}

#[test]
fn only_leases_in_place_at_the_as_of_month_count() {
    let now = month_index(as_of()); // 2025-06-15: the day is ignored
    let dated = |start: Option<NaiveDate>, end: Option<NaiveDate>| LeaseRow {
        start,
        end,
        ..lease(A, 100.0)
    };
    assert!(in_place(&dated(Some(d(2025, 6)), Some(d(2025, 6))), now)); // one-month lease, this month
    assert!(in_place(&dated(None, None), now));
    assert!(in_place(&dated(None, Some(d(2030, 1))), now));
    assert!(in_place(&dated(Some(d(2020, 1)), None), now));
    assert!(!in_place(&dated(Some(d(2025, 7)), Some(d(2030, 1))), now)); // not yet started
    assert!(!in_place(&dated(Some(d(2020, 1)), Some(d(2025, 5))), now)); // already expired
    assert!(!in_place(&dated(None, Some(d(2025, 5))), now)); // the given bound fails
    assert!(!in_place(&dated(Some(d(2025, 7)), None), now));
    let vacant = LeaseRow {
        vacant: true,
        ..dated(None, None)
    };
    assert!(!in_place(&vacant, now));
    // In the fixture L1, L2, L5 and L7 are in place; L3 (vacant), L4 (expired), L6 (future) not.
    assert_eq!(summarize(&fixture()).leases_in_place, 4);
}

#[test]
fn physical_and_economic_occupancy() {
    let s = summarize(&fixture());
    assert_eq!(s.lease_property_count, 2); // A and B; C has no lease rows and adds no area
    // A: rows 4,000 + 1,000 + 2,000 + 1,500 = 8,500 < 10,000 building → 10,000; leased 5,000.
    // B: no building area → rows 3,000 + 1,000 + 500 = 4,500; leased 3,000 + 500 = 3,500.
    close(s.leased_area_sf, 8_500.0);
    close(s.total_area_sf, 14_500.0);
    close_opt(s.physical_occupancy, 8_500.0 / 14_500.0);
    // In place: 121,000 + 20,000 + 60,000 + 0 = 201,000.
    // Not in place at market: 60,000 (L3) + 52,500 (L4) + 0 (L6) = 112,500.
    close(s.in_place_rent_annual, 201_000.0);
    close_opt(s.economic_occupancy, 201_000.0 / 313_500.0);
}

#[test]
fn wale_by_area_and_by_rent() {
    let s = summarize(&fixture());
    // Remaining months (end − as_of + 1): L1 2027-12 → 24 + 6 + 1 = 31; L2 2026-05 → 12 − 1 + 1
    // = 12; L5 2026-12 → 12 + 6 + 1 = 19. L7 has no end and is left out.
    // By area: (4,000·31 + 1,000·12 + 3,000·19) / 8,000 = 193,000 / 8,000 = 24.125 months.
    close_opt(s.wale_by_area_years, 24.125 / 12.0);
    // By rent: (121,000·31 + 20,000·12 + 60,000·19) / 201,000 = 5,131,000 / 201,000 months.
    close_opt(s.wale_by_rent_years, 5_131_000.0 / 201_000.0 / 12.0);
    // A lease ending in the as_of month has one month (1/12 year) left.
    let last = LeaseRow {
        end: Some(d(2025, 6)),
        ..lease(A, 100.0)
    };
    let one = summarize(&input(
        vec![property(A, "office", "X, TX", "closed")],
        vec![last],
        Vec::new(),
    ));
    close_opt(one.wale_by_area_years, 1.0 / 12.0);
    assert_eq!(one.wale_by_rent_years, None); // no rent → no weight
}

#[test]
fn expiry_ladder_groups_in_place_leases_by_end_year() {
    let s = summarize(&fixture());
    // 2026: L2 (1,000 sf, 20,000) + L5 (3,000 sf, 60,000); 2027: L1 (4,000 sf, 121,000).
    // L4 (2025, expired) and L6 (2030, future) are not in place; L7 has no end.
    let ladder = &s.expiry_ladder;
    assert_eq!(ladder.len(), 2);
    assert_eq!((ladder[0].year, ladder[0].count), (2026, 2));
    close(ladder[0].area_sf, 4_000.0);
    close(ladder[0].annual_rent, 80_000.0);
    close_opt(ladder[0].share_of_rent, 80_000.0 / 201_000.0);
    assert_eq!((ladder[1].year, ladder[1].count), (2027, 1));
    close(ladder[1].area_sf, 4_000.0);
    close(ladder[1].annual_rent, 121_000.0);
    close_opt(ladder[1].share_of_rent, 121_000.0 / 201_000.0);
}

#[test]
fn tenant_concentration_and_hhi() {
    let s = summarize(&fixture());
    // "Acme" and " acme " are one tenant: 121,000 + 20,000 = 141,000; Gamma 60,000; the unnamed
    // L7 is "(unnamed)" with 0. Beta (expired) and Delta (future) are not in place.
    let names: Vec<&str> = s.top_tenants.iter().map(|t| t.tenant.as_str()).collect();
    assert_eq!(names, ["Acme", "Gamma", UNNAMED]);
    close(s.top_tenants[0].annual_rent, 141_000.0);
    close(s.top_tenants[1].annual_rent, 60_000.0);
    close(s.top_tenants[2].annual_rent, 0.0);
    assert_eq!(s.tenant_count, 3);
    close_opt(s.top_tenants[0].share, 141.0 / 201.0);
    close_opt(s.top10_share, 1.0);
    // HHI = (141² + 60² + 0²) / 201² = (19,881 + 3,600) / 40,401 = 23,481 / 40,401 ≈ 0.5812.
    close_opt(s.hhi, 23_481.0 / 40_401.0);
}

#[test]
fn top_ten_tenants_by_rent_ties_by_name() {
    // Twelve tenants: T01..T12 with rents 1..12 and a "b"/"a" tie at 100 each. Total 78 + 200 = 278.
    let mut leases: Vec<LeaseRow> = (1..=12_u32)
        .map(|k| LeaseRow {
            tenant: Some(format!("T{k:02}")),
            rent_psf: Some(f64::from(k)),
            ..lease(A, 1.0)
        })
        .collect();
    for name in ["b", "a"] {
        leases.push(LeaseRow {
            tenant: tenant(name),
            rent_psf: Some(100.0),
            ..lease(A, 1.0)
        });
    }
    let s = summarize(&input(
        vec![property(A, "office", "X, TX", "closed")],
        leases,
        Vec::new(),
    ));
    let names: Vec<&str> = s.top_tenants.iter().map(|t| t.tenant.as_str()).collect();
    assert_eq!(
        names,
        ["a", "b", "T12", "T11", "T10", "T09", "T08", "T07", "T06", "T05"]
    );
    assert_eq!(s.tenant_count, 14);
    // Top ten: 200 + (12 + 11 + … + 5 = 68) = 268 of 278.
    close_opt(s.top10_share, 268.0 / 278.0);
}

#[test]
fn multifamily_unit_rents() {
    let s = summarize(&fixture());
    assert_eq!(s.units, 30);
    // 12 × (10 × 1,500 + 20 × 1,000) = 12 × 35,000 = 420,000.
    close(s.unit_in_place_rent_annual, 420_000.0);
    // 12 × (10 × 1,600 + 20 × 1,250) = 12 × 41,000 = 492,000.
    close(s.unit_market_rent_annual, 492_000.0);
    close_opt(s.unit_rent_to_market, 420.0 / 492.0);
}

#[test]
fn debt_ltv_and_dscr_with_interest_only_months() {
    let s = summarize(&fixture());
    assert_eq!((s.loan_count, s.loans_unpriced), (3, 0));
    // B's 50% LTV applies to its deal price, the 1.2M list price (it has no purchase price).
    close(s.total_debt, 3_900_000.0); // 1.5M + 0.6M + 1.8M
    close_opt(s.weighted_ltv, 3_900_000.0 / 6_500_000.0); // every loan's property has a value
    // Service: A ≈ 98,959.55; B at 0%: 12 × 600,000 / 300 = 24,000; C interest-only:
    // 1.8M × 0.05 = 90,000.
    let a = service_a();
    close(s.debt_service_year1, a + 24_000.0 + 90_000.0);
    // DSCR: A 150,000 / 98,959.55 ≈ 1.5158; B 80,000 / 24,000 ≈ 3.3333; C 210,000 / 90,000 ≈ 2.3333.
    let (da, db, dc) = (150_000.0 / a, 80_000.0 / 24_000.0, 210_000.0 / 90_000.0);
    assert_eq!(s.dscr_count, 3);
    close_opt(s.min_dscr, da);
    // Loan-weighted: (1.5M·da + 0.6M·db + 1.8M·dc) / 3.9M ≈ 2.1668.
    close_opt(
        s.weighted_dscr,
        (1_500_000.0 * da + 600_000.0 * db + 1_800_000.0 * dc) / 3_900_000.0,
    );
}

#[test]
fn year_one_debt_service_edges() {
    let amount = |io, years, rate| year1_debt_service(1_200_000.0, &loan(A, rate, years, io));
    // Interest-only longer than the year: 12 × 1.2M × 0.06 / 12 = 72,000.
    close(amount(18, 30.0, 0.06), 72_000.0);
    // No amortization (0 years) → interest-only all year.
    close(amount(0, 0.0, 0.06), 72_000.0);
    // Six-month amortization at 0% after 3 IO months: 3 × 0 + 6 payments of 1.2M / 6: the loan
    // is repaid within the year (1.2M), not 9 payments.
    close(amount(3, 0.5, 0.0), 1_200_000.0);
    // Negative IO months count as none: 12 level payments at 0% over 10 years = 12 × 10,000.
    close(amount(-4, 10.0, 0.0), 120_000.0);
}

#[test]
fn unpriced_loans_are_counted_and_leave_their_property_out_of_ltv_and_dscr() {
    let p = property(1, "office", "X, TX", "sourced"); // no value at all
    let q = PropertyRow {
        list_price: Some(1_000_000.0),
        noi_year1: Some(100_000.0),
        ..property(2, "office", "X, TX", "sourced")
    };
    let loans = vec![
        LoanRow {
            ltv: Some(0.5),
            ..loan(1, 0.05, 30.0, 0)
        }, // no price, no value → unpriced
        LoanRow {
            amount: Some(400_000.0),
            ..loan(2, 0.0, 10.0, 0)
        },
        loan(2, 0.05, 30.0, 0), // neither amount nor ltv → unpriced
        LoanRow {
            amount: Some(1.0),
            ..loan(9, 0.05, 30.0, 0)
        }, // unknown property
    ];
    let s = summarize(&input(vec![p, q], Vec::new(), loans));
    assert_eq!((s.count, s.valued_count), (2, 1));
    assert_eq!((s.loan_count, s.loans_unpriced, s.unmatched_rows), (1, 2, 1));
    close(s.total_debt, 400_000.0);
    close(s.debt_service_year1, 40_000.0); // 12 × 400,000 / 120
    // Q's debt is not fully known, so neither its LTV nor its DSCR is reported.
    assert_eq!(s.weighted_ltv, None);
    assert_eq!((s.dscr_count, s.min_dscr, s.weighted_dscr), (0, None, None));
}

#[test]
fn hazard_weighting_by_value() {
    let s = summarize(&fixture());
    // A (2.5M, 0.7) and B (1.0M, 0.2); C has no score.
    // Weighted: (2.5M·0.7 + 1.0M·0.2) / 3.5M = 1.95M / 3.5M ≈ 0.5571; high (≥ 0.6): 2.5 / 3.5.
    assert_eq!(s.hazard_count, 2);
    close_opt(s.hazard_value_weighted, 1.95 / 3.5);
    close_opt(s.high_hazard_value_share, 2.5 / 3.5);
    // 0.6 itself is high: 1M at 0.6, 3M at 0.59 → 1 / 4.
    let scored = |n, value, score| PropertyRow {
        purchase_price: Some(value),
        hazard_score: Some(score),
        ..property(n, "office", "X, TX", "sourced")
    };
    let t = summarize(&input(
        vec![scored(1, 1.0e6, 0.6), scored(2, 3.0e6, 0.59)],
        Vec::new(),
        Vec::new(),
    ));
    close_opt(t.high_hazard_value_share, 0.25);
}

#[test]
fn stages_and_groups_add_up_to_the_totals() {
    let s = summarize(&fixture());
    let stages: Vec<(&str, usize)> = s.by_stage.iter().map(|c| (c.key.as_str(), c.count)).collect();
    assert_eq!(stages, [("closed", 2), ("sourced", 1)]);

    let types: Vec<&str> = s.by_type.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(types, ["multifamily", "office"]);
    let office = &s.by_type[1];
    // A + B: 2.5M + 1.0M; 150k + 80k; leased 8,500 of 14,500; debt 1.5M + 0.5M.
    assert_eq!(office.count, 2);
    close(office.total_value, 3_500_000.0);
    close(office.noi_year1, 230_000.0);
    close_opt(office.physical_occupancy, 8_500.0 / 14_500.0);
    close(office.total_debt, 2_100_000.0); // A 1.5M + B 0.5 × its 1.2M list price
    let multifamily = &s.by_type[0];
    assert_eq!(multifamily.physical_occupancy, None); // no lease rows → no area
    close(multifamily.total_debt, 1_800_000.0);

    let markets: Vec<&str> = s.by_market.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(markets, ["Austin, TX", "Dallas, TX"]);
    let austin = &s.by_market[0];
    // A + C: 2.5M + 3.0M; 150k + 210k; leased 5,000 of 10,000; debt 1.5M + 1.8M.
    close(austin.total_value, 5_500_000.0);
    close(austin.noi_year1, 360_000.0);
    close_opt(austin.physical_occupancy, 0.5);
    close(austin.total_debt, 3_300_000.0);

    for groups in [&s.by_type, &s.by_market] {
        assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), s.count);
        close(groups.iter().map(|g| g.total_value).sum(), s.total_value);
        close(groups.iter().map(|g| g.noi_year1).sum(), s.noi_year1);
        close(groups.iter().map(|g| g.leased_area_sf).sum(), s.leased_area_sf);
        close(groups.iter().map(|g| g.total_area_sf).sum(), s.total_area_sf);
        close(groups.iter().map(|g| g.total_debt).sum(), s.total_debt);
    }
}

#[test]
fn an_empty_portfolio_has_zero_counts_and_no_ratios() {
    let s = summarize(&input(Vec::new(), Vec::new(), Vec::new()));
    assert_eq!(
        (s.count, s.valued_count, s.noi_count, s.lease_property_count),
        (0, 0, 0, 0)
    );
    assert_eq!(
        (s.leases_in_place, s.tenant_count, s.loan_count, s.loans_unpriced),
        (0, 0, 0, 0)
    );
    assert_eq!((s.units, s.dscr_count, s.hazard_count, s.unmatched_rows), (0, 0, 0, 0));
    assert_eq!((s.total_value, s.noi_year1, s.total_debt), (0.0, 0.0, 0.0));
    for ratio in [
        s.going_in_cap_rate,
        s.physical_occupancy,
        s.economic_occupancy,
        s.wale_by_area_years,
        s.wale_by_rent_years,
        s.top10_share,
        s.hhi,
        s.unit_rent_to_market,
        s.weighted_ltv,
        s.min_dscr,
        s.weighted_dscr,
        s.hazard_value_weighted,
        s.high_hazard_value_share,
    ] {
        assert_eq!(ratio, None);
    }
    assert!(s.value_by_model.is_empty() && s.expiry_ladder.is_empty() && s.top_tenants.is_empty());
    assert!(s.by_stage.is_empty() && s.by_type.is_empty() && s.by_market.is_empty());
}

#[test]
fn rows_of_unknown_properties_are_counted_and_left_out() {
    let mut data = fixture();
    data.leases.push(LeaseRow {
        rent_psf: Some(10.0),
        ..lease(9, 1_000.0)
    });
    data.units.push(UnitRow {
        property_id: id(9),
        units: 5,
        current_rent: 1.0,
        market_rent: 1.0,
    });
    let s = summarize(&data);
    assert_eq!(s.unmatched_rows, 2);
    assert_eq!(s.units, 30);
    close(s.in_place_rent_annual, 201_000.0);
}

#[test]
fn the_summary_serializes_to_json() {
    let v = serde_json::to_value(summarize(&fixture())).unwrap();
    assert_eq!(v["as_of"], "2025-06-15");
    assert_eq!(v["count"], 3);
    assert_eq!(v["by_market"][0]["key"], "Austin, TX");
    assert!(v["wale_by_area_years"].is_f64());
}
