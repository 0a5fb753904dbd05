//! Unit tests of `services::market`'s pure parts: series derived from sales.
use super::*;

fn sale(city: &str, hood: Option<&str>, date: (i32, u32, u32), price: f64, area: f64, condition: &str) -> SalePoint {
    SalePoint {
        city: Some(city.into()),
        neighborhood: hood.map(Into::into),
        date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
        price,
        living_area_sf: area,
        condition: condition.into(),
    }
}

#[test]
fn derived_series_are_monthly_medians_per_square_foot_of_arms_length_sales() {
    let points = [
        sale("Ames", Some("North"), (2007, 3, 1), 200_000.0, 2_000.0, "normal"),
        sale("Ames", Some("North"), (2007, 3, 20), 150_000.0, 1_000.0, "partial"),
        sale("Ames", Some("South"), (2007, 3, 5), 90_000.0, 1_000.0, "normal"),
        sale("Ames", Some("South"), (2007, 3, 6), 10_000.0, 1_000.0, "family"),
        sale("Ames", None, (2007, 5, 2), 120_000.0, 1_000.0, "normal"),
    ];
    let d = derive_from_sales(&points);
    assert_eq!(
        d.keys().collect::<Vec<_>>(),
        ["sales:Ames", "sales:Ames/North", "sales:Ames/South"]
    );
    let city = &d["sales:Ames"];
    assert_eq!(city.len(), 2, "March and May");
    // March: $/sf 100, 150, 90 → median 100; three arm's-length sales.
    assert_eq!(city[0].median_price, Some(100.0));
    assert_eq!(city[0].sales, Some(3.0));
    assert_eq!(city[0].volume, Some(440_000.0));
    assert_eq!(city[1].month, NaiveDate::from_ymd_opt(2007, 5, 1).unwrap());
    assert_eq!(d["sales:Ames/North"][0].median_price, Some(125.0));
}
