//! Queries never write (issue #12, item 5): every field of the Query root, run with valid
//! arguments over a seeded tenant, leaves every table exactly as it was (rows and values), a GET
//! never writes, and saving a property's DCF is the `savePropertyDcf` mutation.
use crate::both_backends;
use crate::support::snapshot::{assert_unchanged, snapshot};
use crate::support::test_app::{TestApp, code};
use reos::auth::Role;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Ids of the seeded tenant's records that the queries take as arguments.
struct Seeded {
    office: String,
    house: String,
    owner: String,
    run: String,
    document: String,
    program: String,
    lease_abstract: String,
    job: String,
}

/// An office with a lease, an expense, a leasing profile, a loan and assumptions (so every DCF
/// query can value it); a valued single-family house with two owners and a document; sales to
/// value it against; one pipeline run.
async fn seed(app: &TestApp, op: &str) -> Seeded {
    let office = super::subscriptions::office(app, op).await;
    let loan = json!({"propertyId": office, "ltv": 0.6, "rate": 0.06, "amortizationYears": 30.0, "ioMonths": 12, "lender": "First Bank"});
    app.data(
        op,
        "mutation($i: SetLoanInput!) { setLoan(input: $i) { loan { id } } }",
        json!({"i": loan}),
    )
    .await;
    let house = app
        .data(
            op,
            "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
            json!({"i": {"address": {"line1": "2 Oak St", "city": "Ames", "state": "IA"}, "propertyType": "SINGLE_FAMILY",
                "latitude": 42.0495, "longitude": -93.6303, "neighborhood": "Northwest_Ames", "livingAreaSf": 1500.0,
                "yearBuilt": 1975, "lotAreaSf": 10000.0, "bedrooms": 3, "fullBaths": 2, "garageCars": 2}}),
        )
        .await["createProperty"]["property"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut owners = Vec::new();
    for name in ["Acme Holdings LLC", "Bravo Partners LP"] {
        let d = app
            .data(
                op,
                "mutation($n: String!) { createOwner(input: {name: $n, ownerType: LLC}) { owner { id } } }",
                json!({"n": name}),
            )
            .await;
        let id = d["createOwner"]["owner"]["id"].as_str().unwrap().to_owned();
        for p in [&house, &office] {
            app.data(
                op,
                "mutation($i: AddOwnershipInput!) { addOwnership(input: $i) { ownership { id } } }",
                json!({"i": {"propertyId": p, "ownerId": id, "sharePct": 50.0}}),
            )
            .await;
        }
        owners.push(id);
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ames-sales.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let sales = text.lines().take(301).collect::<Vec<_>>().join("\n") + "\n";
    app.data(
        op,
        "mutation($c: String!) { importSales(input: {csv: $c}) { rows } }",
        json!({"c": sales}),
    )
    .await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/txhousing.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let austin: Vec<&str> = text.lines().filter(|l| l.starts_with("Austin,")).take(40).collect();
    let market = format!("{}\n{}\n", text.lines().next().unwrap(), austin.join("\n"));
    app.data(
        op,
        "mutation($c: String!) { importMarketSeries(input: {csv: $c}) { rows } }",
        json!({"c": market}),
    )
    .await;
    let d = app
        .data(
            op,
            "mutation($c: String!) { importProperties(input: {csv: $c, source: \"mls\"}) { run { id } } }",
            json!({"c": reos::pipeline::synthetic::generate_csv(3)}),
        )
        .await;
    let run = d["importProperties"]["run"]["id"].as_str().unwrap().to_owned();
    let document = super::documents::upload_pdf(app, op, &house).await;
    let lease_abstract =
        super::lease_abstracts::extracted(app, op, &office, "golden/lease/corpus/005-office-narrative.txt").await;
    let program = app
        .data(
            op,
            "mutation($i: LoanProgramInput!) { createLoanProgram(input: $i) { loanProgram { id } } }",
            json!({"i": {"lender": "First Bank", "name": "core", "maxLtv": 0.65, "minDscr": 1.25, "rate": 0.065,
                         "amortizationYears": 30.0}}),
        )
        .await["createLoanProgram"]["loanProgram"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A queued job (the test server runs no worker).
    let job = app
        .data(
            &app.token("alpha", Role::Admin),
            "mutation { runJob(input: {kind: \"revalue\"}) { job { id } } }",
            json!({}),
        )
        .await["runJob"]["job"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Seeded {
        program,
        office,
        house,
        owner: owners[0].clone(),
        run,
        document,
        lease_abstract,
        job,
    }
}

/// A representative operation for every Query root field (name → query), all with valid
/// arguments so that each resolver runs to the end.
fn operations(s: &Seeded) -> Vec<(&'static str, String, Value)> {
    let denver = super::dcf::graphql_input(include_str!("../../golden/dcf/denver-office/input.json"));
    let spec = json!({"exitCapRate": {"normal": {"mean": 0.0, "stdDev": 0.0025}}, "histogramBins": 10});
    let p = json!({"p": s.office});
    let h = json!({"p": s.house});
    let o = json!({"o": s.owner});
    let property = "id name externalId createdAt address { line1 city } hazards { compositeScore }
        latestValuation { id model value } leases { id tenantName } owners { sharePct owner { id name } }
        unitMix { id } offers { id } documents { id fileName } pipelineStage
        field(name: \"bedrooms\") { value trust history { value source } } trust { mean min fields }
        rentRoll(asOf: \"2025-07-01\") { spaces inPlaceRentAnnual markToMarket { difference perLease { leaseId } } }";
    vec![
        ("me", "{ me { id subject email role roles tenant { id slug name } } }".into(), json!({})),
        ("property", format!("query($p: ID!) {{ property(id: $p) {{ {property} }} }}"), h.clone()),
        (
            "properties",
            format!(
                "{{ properties(first: 10, filter: {{state: \"IA\"}}, orderBy: {{field: LIST_PRICE, direction: DESC}}) {{
                    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {property} }} }} }} }}"
            ),
            json!({}),
        ),
        ("leases", "query($p: ID!) { leases(propertyId: $p) { id tenantName start end } }".into(), p.clone()),
        ("owner", "query($o: ID!) { owner(id: $o) { id name ownerType } }".into(), o.clone()),
        ("owners", "{ owners(first: 5, name: \"acme\") { totalCount edges { node { id name } } } }".into(), json!({})),
        ("users", "{ users(first: 5) { totalCount edges { node { id subject role active lastSeenAt } } } }".into(), json!({})),
        ("dcf", "query($i: DcfInput!) { dcf(input: $i) { dcfValue ledger { month noi } } }".into(), json!({"i": denver})),
        (
            "dcfMonteCarlo",
            "query($i: DcfInput!, $s: MonteCarloSpecInput!) { dcfMonteCarlo(input: $i, spec: $s, paths: 20, seed: 7) { paths } }".into(),
            json!({"i": denver, "s": spec}),
        ),
        (
            "dcfSensitivity",
            "query($i: DcfInput!) { dcfSensitivity(input: $i) { exitCapByDiscountRate { rows cols } } }".into(),
            json!({"i": denver}),
        ),
        ("propertyDcf", "query($p: ID!) { propertyDcf(propertyId: $p) { dcfValue ledger { month noi } } }".into(), p.clone()),
        (
            "sizeLoan",
            "query($p: ID!) { sizeLoan(input: {propertyId: $p, price: 5000000, program: {maxLtv: 0.65, minDscr: 1.25, rate: 0.065, amortizationYears: 30}}) { sizing { amount binding } dcf { leveredIrr } } }".into(),
            p.clone(),
        ),
        (
            "maxBid",
            "query($p: ID!, $g: ID!) { maxBid(input: {propertyId: $p, programId: $g, targets: {unleveredIrr: 0.07}}) { maxPrice bindingTarget loanBinding } }".into(),
            json!({"p": s.office, "g": s.program}),
        ),
        ("lenderFit", "query($p: ID!) { lenderFit(input: {propertyId: $p}) { price programs { fits failures } } }".into(), p.clone()),
        ("loanPrograms", "{ loanPrograms { id lender name } }".into(), json!({})),
        ("loanProgram", "query($g: ID!) { loanProgram(id: $g) { id loanConstant } }".into(), json!({"g": s.program})),
        ("portfolioSummary", "{ portfolioSummary { count totalValue hhi byType { key count } } }".into(), json!({})),
        (
            "markets",
            "{ markets { name source months series(to: \"2000-06\") { month sales } changepoints { series month probability } } }".into(),
            json!({}),
        ),
        ("market", "{ market(name: \"Austin\") { name regime { label } } }".into(), json!({})),
        (
            "marketRegime",
            "{ marketRegime(market: \"Austin\", asOf: \"2002-06\") { label pChange12m runLengthPosterior } }".into(),
            json!({}),
        ),
        (
            "propertyDcfMonteCarlo",
            "query($p: ID!, $s: MonteCarloSpecInput!) { propertyDcfMonteCarlo(propertyId: $p, spec: $s, paths: 20, seed: 7) { paths } }".into(),
            json!({"p": s.office, "s": spec}),
        ),
        (
            "propertyDcfSensitivity",
            "query($p: ID!) { propertyDcfSensitivity(propertyId: $p) { rentGrowthByExitCap { rows cols } } }".into(),
            p.clone(),
        ),
        (
            "dcfInputs",
            "query($p: ID!) { dcfInputs(propertyId: $p) { expenses { name } leasingProfiles { name } loan { ltv lender } assumptions { holdYears } } }".into(),
            p.clone(),
        ),
        (
            "valuation",
            "query($p: ID!) { valuation(propertyId: $p, asOf: \"2006-07-15\") { estimate comps { saleId } } }".into(),
            h.clone(),
        ),
        (
            "valueSubject",
            "query($s: SubjectInput!) { valueSubject(input: $s, asOf: \"2006-07-15\") { estimate } }".into(),
            json!({"s": {"latitude": 42.0495, "longitude": -93.6303, "propertyType": "SINGLE_FAMILY", "livingAreaSf": 1500.0, "yearBuilt": 1975}}),
        ),
        ("sales", "{ sales(first: 5, filter: {saleCondition: \"normal\"}) { totalCount edges { node { saleId } } } }".into(), json!({})),
        (
            "pipelineRun",
            "query($r: ID!) { pipelineRun(id: $r) { id outcome counts gateResults { row } } }".into(),
            json!({"r": s.run}),
        ),
        ("pipelineRuns", "{ pipelineRuns(first: 5) { totalCount edges { node { id } } } }".into(), json!({})),
        ("coOwners", "query($o: ID!) { coOwners(ownerId: $o) { sharedCount owner { id } } }".into(), o.clone()),
        ("ownerPortfolio", "query($o: ID!) { ownerPortfolio(ownerId: $o) { totalValue properties { propertyId } } }".into(), o),
        ("propertyNetwork", "query($p: ID!) { propertyNetwork(propertyId: $p, depth: 3) { nodes { id kind } edges { kind } } }".into(), h),
        ("ownerClusters", "{ ownerClusters(minSize: 1) { size owners { id } } }".into(), json!({})),
        ("influentialOwners", "{ influentialOwners(limit: 5) { rank score owner { id } } }".into(), json!({})),
        ("document", "query($d: ID!) { document(id: $d) { id fileName downloadUrl } }".into(), json!({"d": s.document})),
        ("documents", "query($p: ID) { documents(propertyId: $p, first: 5) { totalCount edges { node { id } } } }".into(), p.clone()),
        (
            "leaseAbstract",
            "query($a: ID!) { leaseAbstract(id: $a) { id status fields { name value confidence citation { page text } } rentSchedule { start monthly } } }".into(),
            json!({"a": s.lease_abstract}),
        ),
        ("leaseAbstracts", "query($p: ID!) { leaseAbstracts(propertyId: $p) { id kind } }".into(), p),
        ("jobs", "{ jobs { id status progress } }".into(), json!({})),
        ("job", "query($j: ID!) { job(id: $j) { id status } }".into(), json!({"j": s.job})),
    ]
}

/// The fields of the Query root, by introspection.
async fn query_root_fields(app: &TestApp, token: &str) -> BTreeSet<String> {
    let d = app
        .data(token, "{ __schema { queryType { fields { name } } } }", json!({}))
        .await;
    d["__schema"]["queryType"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn no_query_field_writes(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let admin = app.token("alpha", Role::Admin);
    let seeded = seed(&app, &op).await;
    let ops = operations(&seeded);
    let covered: BTreeSet<String> = ops.iter().map(|(f, _, _)| (*f).to_owned()).collect();
    assert_eq!(
        query_root_fields(&app, &admin).await,
        covered,
        "every Query root field needs a representative operation here"
    );
    // (The introspection above was the admin's first request: authentication recorded them.)
    let before = snapshot(&app.db().owner).await;
    for (field, query, vars) in &ops {
        let d = app.data(&admin, query, vars.clone()).await;
        assert!(!d[*field].is_null(), "{field}: {d}");
        assert_unchanged(&before, &snapshot(&app.db().owner).await, field);
    }
}
both_backends!(no_query_field_writes);

const OLD_SAVE: &str = "query($p: ID!) { propertyDcf(propertyId: $p, save: true) { dcfValue } }";
const SAVE: &str = "mutation($p: ID!) { savePropertyDcf(propertyId: $p, assumptions: {exitCapRate: 0.075}) {
    valuation { id model value inputsHash createdBy } result { dcfValue } } }";
const LATEST: &str = "query($p: ID!) { property(id: $p) { latestValuation { id model value } } }";

/// GET /graphql?query=…&variables=… with a bearer token: (status, body).
async fn get(app: &TestApp, token: &str, query: &str, variables: &Value) -> (u16, Value) {
    let vars = variables.to_string();
    let url = reqwest::Url::parse_with_params(
        &format!("{}/graphql", app.url),
        [("query", query), ("variables", vars.as_str())],
    )
    .unwrap();
    let res = app.client.get(url).bearer_auth(token).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

async fn get_never_writes_and_saving_is_a_mutation(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let analyst = app.token("alpha", Role::Analyst);
    let seeded = seed(&app, &op).await;
    let p = json!({"p": seeded.office});
    // Authentication records a caller on first sight; this caller is known before the snapshot.
    app.data(&analyst, "{ me { subject } }", json!({})).await;
    let before = snapshot(&app.db().owner).await;
    for _ in 0..3 {
        let (_, body) = get(&app, &analyst, OLD_SAVE, &p).await;
        assert!(body["errors"].is_array(), "a query cannot save: {body}");
        let (status, body) = get(&app, &analyst, "{ me { subject role } }", &json!({})).await;
        assert_eq!(status, 200, "{body}");
        let (_, body) = app.gql(Some(&analyst), OLD_SAVE, p.clone()).await;
        assert!(body["errors"].is_array(), "nor over POST: {body}");
    }
    let (status, _) = get(&app, &analyst, SAVE, &p).await;
    assert_eq!(status, 405, "a mutation over GET is refused");
    assert_unchanged(&before, &snapshot(&app.db().owner).await, "GET");
    assert!(app.data(&analyst, LATEST, p.clone()).await["property"]["latestValuation"].is_null());

    // Saving is a mutation: stored (and audited) as a `dcf` valuation, the property's latest.
    let viewer = app.token("alpha", Role::Viewer);
    let (_, body) = app.gql(Some(&viewer), SAVE, p.clone()).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");
    let d = app.data(&analyst, SAVE, p.clone()).await;
    let saved = &d["savePropertyDcf"]["valuation"];
    assert_eq!(saved["model"], "dcf");
    assert_eq!(saved["inputsHash"].as_str().unwrap().len(), 64);
    assert_eq!(saved["value"], d["savePropertyDcf"]["result"]["dcfValue"]);
    let latest = app.data(&analyst, LATEST, p.clone()).await;
    assert_eq!(latest["property"]["latestValuation"]["id"], saved["id"]);
    app.tenant("bravo").await;
    let other = app.token("bravo", Role::Admin);
    app.data(&other, "{ me { id } }", json!({})).await;
    let after = snapshot(&app.db().owner).await;
    assert_eq!(after["valuations"].0, before["valuations"].0 + 1);
    assert_eq!(after["audit_events"].0, before["audit_events"].0 + 1);
    // Another tenant's property is NOT_FOUND, and nothing is written.
    let (_, body) = app.gql(Some(&other), SAVE, p).await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
    assert_unchanged(&after, &snapshot(&app.db().owner).await, "a refused save");
}
both_backends!(get_never_writes_and_saving_is_a_mutation);
