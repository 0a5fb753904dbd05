//! Synthetic property files for benchmarks and tests: `n` distinct, valid addresses in the
//! docs/pipeline.md CSV format, the same for every call (no randomness).
use std::fmt::Write as _;

const STREETS: [&str; 10] = [
    "Maple", "Oak", "Lincoln", "Grand", "Duff", "Elm", "Cedar", "Ridge", "Park", "Lake",
];
const SUFFIXES: [&str; 5] = ["Street", "Avenue", "Drive", "Boulevard", "Court"];

/// A property CSV of `n` distinct addresses; every fourth row names an LLC owner.
pub fn generate_csv(n: usize) -> String {
    let mut s = String::from(
        "external_id,address,city,state,zip,latitude,longitude,property_type,living_area_sf,lot_area_sf,\
         year_built,bedrooms,full_baths,condition_score,flood_score,wildfire_score,heat_score,list_price,\
         owner_name,owner_type\n",
    );
    for i in 0..n {
        let f = (i % 97) as f64 / 100.0;
        let owner = if i % 4 == 0 {
            format!("Bench Holdings {} LLC,llc", i % 500)
        } else {
            ",".to_owned()
        };
        let _ = writeln!(
            s,
            "B-{i},{} {} {},Ames,IA,5001{},{:.5},{:.5},single_family,{},{},{},{},{},{},{f:.2},{:.2},{:.2},{},{owner}",
            100 + i,
            STREETS[i % STREETS.len()],
            SUFFIXES[(i / STREETS.len()) % SUFFIXES.len()],
            i % 3,
            42.0 + (i % 1000) as f64 * 1e-4,
            -93.6 - (i / 1000) as f64 * 1e-4,
            900 + i % 2000,
            5000 + i % 9000,
            1950 + i % 70,
            1 + i % 5,
            1 + i % 3,
            1 + i % 10,
            1.0 - f,
            (i % 50) as f64 / 100.0,
            150_000 + (i % 400) * 1000,
        );
    }
    s
}
