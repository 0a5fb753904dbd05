//! A property attribute end to end (`parkingSpaces`, added through the one attribute list):
//! create, update, read back, its provenance, its refusal naming the field, and the import
//! format's `parking_spaces` column.
use crate::on_both_backends;
use crate::resolvers::harness::{Harness, code};
use reos::auth::Role;
use serde_json::json;

const CREATE: &str =
    "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id parkingSpaces } } }";
const UPDATE: &str = "mutation($i: UpdatePropertyInput!) { updateProperty(input: $i) { property { parkingSpaces } } }";
const READ: &str = "query($p: ID!) { property(id: $p) { parkingSpaces field(name: \"parking_spaces\") { value history { value previousValue source } } } }";

async fn parking_spaces_are_written_read_traced_and_checked(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let address = json!({"line1": "9 Lot Rd", "city": "Ames", "state": "IA"});
    let d = h
        .data(
            &op,
            CREATE,
            json!({"i": {"address": address, "propertyType": "OFFICE", "parkingSpaces": 40}}),
        )
        .await;
    let id = d["createProperty"]["property"]["id"].as_str().unwrap().to_owned();
    assert_eq!(d["createProperty"]["property"]["parkingSpaces"], 40);

    let d = h.data(&op, UPDATE, json!({"i": {"id": id, "parkingSpaces": 55}})).await;
    assert_eq!(d["updateProperty"]["property"]["parkingSpaces"], 55);
    // An update that does not name the attribute leaves it as it is.
    let d = h
        .data(&op, UPDATE, json!({"i": {"id": id, "listPrice": 1_000_000.0}}))
        .await;
    assert_eq!(d["updateProperty"]["property"]["parkingSpaces"], 55);

    let viewer = h.caller("alpha", Role::Viewer);
    let d = h.data(&viewer, READ, json!({"p": id})).await;
    let field = &d["property"]["field"];
    assert_eq!(d["property"]["parkingSpaces"], 55);
    assert_eq!(field["value"], 55);
    let history: Vec<_> = field["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["value"].clone(), r["previousValue"].clone()))
        .collect();
    // Newest first.
    assert_eq!(history, vec![(json!(55), json!(40)), (json!(40), json!(null))]);

    let refused = h.gql(&op, UPDATE, json!({"i": {"id": id, "parkingSpaces": -1}})).await;
    assert_eq!(code(&refused), "BAD_USER_INPUT");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "input.parkingSpaces");
    let d = h.data(&viewer, READ, json!({"p": id})).await;
    assert_eq!(d["property"]["parkingSpaces"], 55, "a refused update writes nothing");
}
on_both_backends!(parking_spaces_are_written_read_traced_and_checked);

const IMPORT: &str = "mutation($t: String!) { importProperties(input: {csv: $t, source: \"mls\"}) {
    run { outcome } problems { row field message severity } } }";

async fn the_import_format_carries_parking_spaces(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let header = "external_id,address,city,state,zip,property_type,parking_spaces";
    let csv = format!("{header}\nP-1,1 Main St,Ames,IA,50010,office,12\n");
    let d = h.data(&op, IMPORT, json!({"t": csv})).await;
    assert_eq!(d["importProperties"]["run"]["outcome"], "succeeded", "{d}");
    let d = h
        .data(
            &op,
            "{ properties(first: 5) { edges { node { externalId parkingSpaces } } } }",
            json!({}),
        )
        .await;
    assert_eq!(d["properties"]["edges"][0]["node"]["parkingSpaces"], 12);

    // A negative count is a blocking gate failure naming row and column; nothing is written.
    let csv = format!("{header}\nP-2,2 Main St,Ames,IA,50010,office,-3\n");
    let d = h.data(&op, IMPORT, json!({"t": csv})).await;
    let p = &d["importProperties"];
    assert_eq!(p["run"]["outcome"], "blocked", "{d}");
    let blocking: Vec<_> = p["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["severity"] == "blocking")
        .map(|x| (x["row"].clone(), x["field"].clone()))
        .collect();
    assert_eq!(blocking, vec![(json!(1), json!("parking_spaces"))], "{d}");
    let d = h.data(&op, "{ properties(first: 5) { totalCount } }", json!({})).await;
    assert_eq!(d["properties"]["totalCount"], 1);
}
on_both_backends!(the_import_format_carries_parking_spaces);
