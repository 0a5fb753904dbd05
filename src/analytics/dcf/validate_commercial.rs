//! Validation of the commercial part of an input: building, leases, vacant suites and MLAs.

use std::collections::BTreeMap;

use super::checks::{
    Res, non_negative, or_zero, positive, rate, required, unit_interval, whole, year_month, years_in_months,
};
use super::error::DcfError;
use super::input::{RawDcfInput, RawLease, RawMarketLeasing, RawRecovery};
use super::model::{Commercial, InPlaceLease, Mla, MlaRecovery, Recovery, Suite};

pub(super) fn commercial(raw: &RawDcfInput, start_index: i64) -> Res<Commercial> {
    let area = required(raw.building_area_sf, "building_area_sf")?;
    let building_area_sf = positive(area, "building_area_sf")?;
    let empty = BTreeMap::new();
    let mla_map = raw.market_leasing.as_ref().unwrap_or(&empty);
    let names: Vec<&String> = mla_map.keys().collect();
    let mlas = mla_map.iter().map(|(name, m)| mla(name, m)).collect::<Res<Vec<_>>>()?;
    let raw_leases = raw
        .leases
        .as_ref()
        .ok_or_else(|| DcfError::invalid("leases", "is required for kind commercial"))?;
    let mut suites = Vec::with_capacity(raw_leases.len());
    let mut leased = 0.0;
    for (i, l) in raw_leases.iter().enumerate() {
        let suite = suite(i, l, start_index, &names)?;
        leased += suite.area_sf;
        if leased > building_area_sf * (1.0 + 1e-12) {
            return Err(DcfError::invalid(
                format!("leases[{i}].area_sf"),
                format!("suites total {leased} sf, more than building_area_sf {building_area_sf}"),
            ));
        }
        suites.push(suite);
    }
    Ok(Commercial {
        building_area_sf,
        suites,
        mlas,
    })
}

fn suite(i: usize, l: &RawLease, start_index: i64, mla_names: &[&String]) -> Res<Suite> {
    let f = |n: &str| format!("leases[{i}].{n}");
    let area_sf = positive(required(l.area_sf, &f("area_sf"))?, &f("area_sf"))?;
    let mla_name = l
        .mla
        .as_deref()
        .ok_or_else(|| DcfError::invalid(f("mla"), "is required (the MLA it rolls over to)"))?;
    let mla = mla_names.iter().position(|n| n.as_str() == mla_name).ok_or_else(|| {
        DcfError::invalid(
            f("mla"),
            format!("unknown market leasing assumption `market_leasing.{mla_name}`"),
        )
    })?;
    if l.vacant == Some(true) {
        let lease_only = [
            (l.start.is_some(), "start"),
            (l.end.is_some(), "end"),
            (l.rent_psf.is_some(), "rent_psf"),
            (l.escalation_pct.is_some(), "escalation_pct"),
            (l.free_rent_months.is_some(), "free_rent_months"),
            (l.recovery.is_some(), "recovery"),
            (l.expense_stop_psf.is_some(), "expense_stop_psf"),
            (l.renewal_probability.is_some(), "renewal_probability"),
        ];
        if let Some((_, name)) = lease_only.iter().find(|(present, _)| *present) {
            return Err(DcfError::invalid(f(name), "is not allowed on a vacant suite"));
        }
        return Ok(Suite {
            area_sf,
            mla,
            lease: None,
        });
    }
    let start_s = l
        .start
        .as_deref()
        .ok_or_else(|| DcfError::invalid(f("start"), "is required"))?;
    let end_s = l
        .end
        .as_deref()
        .ok_or_else(|| DcfError::invalid(f("end"), "is required"))?;
    let start = year_month(start_s, &f("start"))? - start_index;
    let end = year_month(end_s, &f("end"))? - start_index;
    if end < start {
        return Err(DcfError::invalid(
            f("end"),
            format!("lease ends ({end_s}) before it starts ({start_s})"),
        ));
    }
    if end < 0 {
        return Err(DcfError::invalid(
            f("end"),
            format!("lease ended ({end_s}) before analysis_start"),
        ));
    }
    let recovery = match l.recovery.unwrap_or_default() {
        RawRecovery::Nnn => Recovery::Nnn,
        RawRecovery::Gross => Recovery::Gross,
        RawRecovery::BaseYear => {
            let stop = l
                .expense_stop_psf
                .ok_or_else(|| DcfError::invalid(f("expense_stop_psf"), "is required for a base_year lease"))?;
            Recovery::BaseYear {
                stop_psf: non_negative(required(Some(stop), &f("expense_stop_psf"))?, &f("expense_stop_psf"))?,
            }
        }
    };
    if l.expense_stop_psf.is_some() && !matches!(recovery, Recovery::BaseYear { .. }) {
        return Err(DcfError::invalid(
            f("expense_stop_psf"),
            "is only used by a base_year lease",
        ));
    }
    let renewal_probability = match l.renewal_probability {
        Some(p) => Some(unit_interval(
            required(Some(p), &f("renewal_probability"))?,
            &f("renewal_probability"),
        )?),
        None => None,
    };
    let lease = InPlaceLease {
        start,
        end,
        rent_psf: non_negative(required(l.rent_psf, &f("rent_psf"))?, &f("rent_psf"))?,
        escalation_pct: rate(or_zero(l.escalation_pct, &f("escalation_pct"))?, &f("escalation_pct"))?,
        free_rent_months: whole(
            or_zero(l.free_rent_months, &f("free_rent_months"))?,
            &f("free_rent_months"),
            0,
            1200,
        )?,
        recovery,
        renewal_probability,
    };
    Ok(Suite {
        area_sf,
        mla,
        lease: Some(lease),
    })
}

fn mla(name: &str, m: &RawMarketLeasing) -> Res<Mla> {
    let f = |n: &str| format!("market_leasing.{name}.{n}");
    let money = |v: Option<f64>, n: &str| non_negative(or_zero(v, &f(n))?, &f(n));
    let months = |v: Option<f64>, n: &str| Ok(f64::from(whole(or_zero(v, &f(n))?, &f(n), 0, 1200)?));
    let lc = |v: Option<f64>, n: &str| unit_interval(or_zero(v, &f(n))?, &f(n));
    let term_years = positive(required(m.term_years, &f("term_years"))?, &f("term_years"))?;
    Ok(Mla {
        market_rent_psf: non_negative(
            required(m.market_rent_psf, &f("market_rent_psf"))?,
            &f("market_rent_psf"),
        )?,
        term_months: years_in_months(term_years, &f("term_years"))?,
        renewal_probability: unit_interval(
            required(m.renewal_probability, &f("renewal_probability"))?,
            &f("renewal_probability"),
        )?,
        downtime_months: months(m.downtime_months, "downtime_months")?,
        free_rent_new_months: months(m.free_rent_new_months, "free_rent_new_months")?,
        free_rent_renewal_months: months(m.free_rent_renewal_months, "free_rent_renewal_months")?,
        ti_new_psf: money(m.ti_new_psf, "ti_new_psf")?,
        ti_renewal_psf: money(m.ti_renewal_psf, "ti_renewal_psf")?,
        lc_new_pct: lc(m.lc_new_pct, "lc_new_pct")?,
        lc_renewal_pct: lc(m.lc_renewal_pct, "lc_renewal_pct")?,
        escalation_pct: rate(or_zero(m.escalation_pct, &f("escalation_pct"))?, &f("escalation_pct"))?,
        recovery: match m.recovery.unwrap_or_default() {
            RawRecovery::Nnn => MlaRecovery::Nnn,
            RawRecovery::BaseYear => MlaRecovery::BaseYear,
            RawRecovery::Gross => MlaRecovery::Gross,
        },
    })
}
