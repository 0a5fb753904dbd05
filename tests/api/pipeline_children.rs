//! The pipeline's second round on both backends: leases and unit mix (nested in JSONL or in
//! companion CSVs) with provenance and a DCF, and the tenant's stored hazard table. Gate warnings
//! lowering trust, mutation provenance and OpenLineage run events are tested through the schema in
//! tests/resolvers/pipeline_children.rs.
use crate::both_backends;
use crate::support::test_app::TestApp;
use reos::persistence::TenantTx;
use reos::persistence::repositories::hazard_points;
use reos::pipeline::{ChildKind, HazardPoint};
use reos::services::comps::CompService;
use reos::services::property_import::{Companion, Format, ImportOptions, ImportReport, Target, import};
use sea_orm::{ConnectionTrait, Statement};

const OFFICE: &str = r#"{"external_id":"O-1","address":"100 Main Street","city":"Ames","state":"IA","zip":"50010","property_type":"office","building_area_sf":20000,"list_price":4000000,"leases":[{"suite":"100","tenant_name":"Acme Insurance","area_sf":12000,"start_month":"2025-01","end_month":"2030-12","rent_psf":28,"recovery":"nnn"},{"suite":"200","vacant":true,"area_sf":8000}]}"#;
const APARTMENTS: &str = r#"{"external_id":"M-1","address":"200 Oak Avenue","city":"Ames","state":"IA","zip":"50010","property_type":"multifamily","units_count":40,"list_price":6000000,"unit_mix":[{"unit_type":"1BR","units":24,"current_rent":1100,"market_rent":1200},{"unit_type":"2BR","units":16,"current_rent":1450,"market_rent":1500}]}"#;
const BAD_LEASE: &str = r#"{"external_id":"B-1","address":"300 Elm Drive","city":"Ames","state":"IA","zip":"50010","property_type":"office","leases":[{"suite":"1","tenant_name":"X","area_sf":"lots","start_month":"2025-01","end_month":"2026-01","rent_psf":20}]}"#;

async fn run(app: &TestApp, tenant: uuid::Uuid, opts: &ImportOptions, bytes: &str) -> ImportReport {
    let comps = CompService::default();
    let target = Target::Db(&app.db().service, app.tenant_id(tenant).await);
    import(target, bytes.as_bytes(), opts, Some(&comps), &|_, _| {})
        .await
        .unwrap()
}

async fn scalar(app: &TestApp, tenant: uuid::Uuid, sql: &str) -> i64 {
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    let backend = tx.backend();
    let row = tx
        .conn()
        .await
        .unwrap()
        .query_one_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get_by_index(0).unwrap();
    tx.rollback().await.unwrap();
    n
}

async fn nested_leases_and_unit_mix_get_provenance_and_a_dcf(app: TestApp) {
    let tenant = app.tenant("alpha").await;
    let file = [OFFICE, APARTMENTS, BAD_LEASE].join("\n");
    let opts = ImportOptions::new("rentroll.jsonl", Format::Jsonl, "mls", "test").unwrap();
    let r = run(&app, tenant, &opts, &file).await;
    assert_eq!(r.outcome, "succeeded");
    assert_eq!(
        (r.counts.written, r.counts.leases, r.counts.unit_types),
        (2, 2, 2),
        "{r:?}"
    );
    assert_eq!(r.counts.dcf_valuations, 2, "{:?}", r.scoring_notes);
    // A lease that does not parse refuses its property: nothing of it is written.
    let bad: Vec<_> = r.rejected.iter().map(|e| (e.row, e.field.as_str())).collect();
    assert_eq!(bad, vec![(3, "leases[0].area_sf")]);
    assert_eq!(scalar(&app, tenant, "SELECT count(*) FROM leases").await, 2);
    assert_eq!(scalar(&app, tenant, "SELECT count(*) FROM unit_mix").await, 2);
    let lease_prov = "SELECT count(*) FROM field_provenance WHERE entity = 'lease' AND field = 'rent_psf'";
    assert_eq!(scalar(&app, tenant, lease_prov).await, 1);
    let evidence = "SELECT count(*) FROM field_provenance WHERE entity = 'unit_mix' \
                    AND evidence_uri = 'rentroll.jsonl#row=2/unit_mix[1]'";
    // unit_type, units, current_rent, market_rent (no area given).
    assert_eq!(scalar(&app, tenant, evidence).await, 4);
    // Office: 12,000 sf at $28 NNN ≈ $336k NOI; 40 apartments ≈ $595k gross rent a year. Values
    // at the default 8% discount and 6.5% exit cap land in the single-digit millions.
    for (id, lo, hi) in [("O-1", 2.0e6, 8.0e6), ("M-1", 3.0e6, 10.0e6)] {
        let sql = format!(
            "SELECT CAST(v.value AS BIGINT) FROM valuations v JOIN properties p ON p.id = v.property_id \
             WHERE v.model = 'dcf' AND p.external_id = '{id}'"
        );
        let v = scalar(&app, tenant, &sql).await as f64;
        assert!(v > lo && v < hi, "{id}: {v}");
    }
    // The same file again changes no lease or unit type and records no field provenance; the
    // properties are valued again (each valuation records the model's provenance).
    let fields = "SELECT count(*) FROM field_provenance WHERE entity <> 'valuation'";
    let prov = scalar(&app, tenant, fields).await;
    let again = run(&app, tenant, &opts, &file).await;
    assert_eq!((again.counts.leases, again.counts.unit_types), (0, 0));
    assert_eq!(again.counts.dcf_valuations, 2);
    assert_eq!(scalar(&app, tenant, fields).await, prov);
    let models = "SELECT count(*) FROM field_provenance WHERE entity = 'valuation' AND method = 'dcf'";
    assert_eq!(scalar(&app, tenant, models).await, 4);
    assert_eq!(scalar(&app, tenant, "SELECT count(*) FROM leases").await, 2);
}
both_backends!(nested_leases_and_unit_mix_get_provenance_and_a_dcf);

const PROPS_CSV: &str = "external_id,address,city,state,zip,property_type,building_area_sf,list_price
R-1,10 Lake Court,Ames,IA,50010,retail,5000,1500000
R-2,12 Lake Court,Ames,IA,50010,retail,4000,1200000
";
const LEASES_CSV: &str = "property_external_id,suite,tenant_name,area_sf,start_month,end_month,rent_psf,recovery
R-1,A,Coffee Co,2500,2024-06,2029-05,32,nnn
R-1,B,Books Ltd,2500,2024-06,2027-05,30,gross
R-2,A,Deli,4000,2024-01,2028-12,cheap,nnn
R-9,A,Nobody,1000,2024-01,2025-01,10,gross
";

async fn companion_lease_files_attach_by_external_id(app: TestApp) {
    let tenant = app.tenant("alpha").await;
    let mut opts = ImportOptions::new("retail.csv", Format::Csv, "mls", "test").unwrap();
    opts.companions.push(Companion {
        kind: ChildKind::Lease,
        file_name: "retail-leases.csv".into(),
        bytes: LEASES_CSV.as_bytes().into(),
    });
    let r = run(&app, tenant, &opts, PROPS_CSV).await;
    assert_eq!((r.counts.written, r.counts.leases), (1, 2), "{r:?}");
    let mut problems: Vec<_> = r.rejected.iter().map(|e| (e.row, e.field.clone())).collect();
    problems.sort();
    // Lease row 3 does not parse (its property R-2, row 2, is left out); row 4 names no property.
    assert_eq!(
        problems,
        vec![
            (2, "leases".to_owned()),
            (3, "leases.rent_psf".to_owned()),
            (4, "leases.property_external_id".to_owned()),
        ]
    );
    let roles: Vec<_> = r.inputs.iter().map(|i| i.role.as_str()).collect();
    assert_eq!(roles, ["properties", "leases"]);
    let sql = "SELECT count(*) FROM field_provenance WHERE evidence_uri = 'retail-leases.csv#row=2'";
    // Eight given fields plus the defaults vacant, escalation_pct, free_rent_months and mla,
    // less property_external_id (the link, not a lease field).
    assert_eq!(scalar(&app, tenant, sql).await, 11);
}
both_backends!(companion_lease_files_attach_by_external_id);

async fn the_stored_hazard_table_answers_rows_without_scores(app: TestApp) {
    let tenant = app.tenant("alpha").await;
    let tx = TenantTx::begin(&app.db().service, app.tenant_id(tenant).await)
        .await
        .unwrap();
    let point = HazardPoint {
        lat: 42.03,
        lon: -93.62,
        flood: 0.5,
        wildfire: 0.1,
        heat: 0.3,
    };
    hazard_points::store(&tx, &[point], "test", true).await.unwrap();
    tx.commit().await.unwrap();
    let csv = "external_id,address,city,state,zip,property_type,latitude,longitude,list_price
H-1,1 Pine Street,Ames,IA,50010,single_family,42.0301,-93.6201,200000
H-2,2 Pine Street,Ames,IA,50010,single_family,42.2,-93.9,210000
";
    let opts = ImportOptions::new("h.csv", Format::Csv, "mls", "test").unwrap();
    let r = run(&app, tenant, &opts, csv).await;
    assert_eq!(r.counts.hazards, 1, "{r:?}");
    assert_eq!(r.scoring_notes.get("hazards_unavailable"), Some(&1));
    let sql = "SELECT CAST(composite_score * 1000 AS BIGINT) FROM property_hazards WHERE source = 'hazard_table'";
    // 0.4·0.5 + 0.4·0.1 + 0.2·0.3 = 0.30
    assert_eq!(scalar(&app, tenant, sql).await, 300);
}
both_backends!(the_stored_hazard_table_answers_rows_without_scores);
