//! Unit tests of `pipeline::gates`.
use super::*;

#[test]
fn the_shipped_default_config_loads_and_covers_properties_and_leases() {
    let c = GateConfig::builtin().unwrap();
    assert!(
        c.property
            .iter()
            .any(|r| r.field == "external_id" && r.expect == Expectation::Unique)
    );
    assert!(c.property.iter().any(|r| r.expect == Expectation::NotAfterCurrentYear));
    assert!(
        c.lease
            .iter()
            .any(|r| matches!(&r.expect, Expectation::GreaterThanField { other } if other == "start_month"))
    );
    assert!(c.property.iter().any(|r| r.severity == Severity::Warning));
}

#[test]
fn a_rule_reads_its_kind_bounds_and_severity_from_toml() {
    let c = GateConfig::from_toml(
        "[[property]]\nfield = \"bedrooms\"\nexpect = \"range\"\nmin = 0\nmax = 50.5\nseverity = \"warning\"\n",
    )
    .unwrap();
    assert_eq!(
        c.property,
        vec![Rule {
            field: "bedrooms".into(),
            expect: Expectation::Range {
                min: Some(0.0),
                max: Some(50.5)
            },
            severity: Severity::Warning
        }]
    );
}

#[test]
fn broken_rules_are_refused_naming_the_rule() {
    let at = |text: &str| match GateConfig::from_toml(text) {
        Err(GateError::Rule { at, .. }) => at,
        other => panic!("expected a rule error, got {other:?}"),
    };
    let rule = |body: &str| format!("[[property]]\nfield = \"zip\"\nseverity = \"blocking\"\n{body}\n");
    assert_eq!(at(&rule("expect = \"regex\"\npattern = \"(\"")), "property[0].pattern");
    assert_eq!(at(&rule("expect = \"range\"\nmin = 5\nmax = 1")), "property[0].min");
    assert_eq!(at(&rule("expect = \"range\"")), "property[0].min");
    assert_eq!(
        at(&rule("expect = \"allowed_values\"\nvalues = []")),
        "property[0].values"
    );
    assert_eq!(
        at(&rule("expect = \"at_least_field\"\nother = \"zipp\"")),
        "property[0].other"
    );
    assert_eq!(
        at("[[property]]\nfield = \"zipp\"\nexpect = \"unique\"\nseverity = \"warning\"\n"),
        "property[0].field"
    );
    assert!(matches!(
        GateConfig::from_toml(&rule("expect = \"maybe\"")),
        Err(GateError::Toml(_))
    ));
    assert!(matches!(
        GateConfig::from_toml("[[property]]\nfield = \"zip\"\nexpect = \"unique\"\n"),
        Err(GateError::Toml(_))
    ));
    assert!(matches!(
        GateConfig::from_toml("[[building]]\n"),
        Err(GateError::Toml(_))
    ));
}
