//! Unit tests of `events::fanout`: what a notification carries (ids and counts, no row contents).
use super::*;

#[test]
fn a_notification_carries_ids_and_progress_only() {
    let (instance, tenant, run) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let progress = ImportProgress {
        run_id: run,
        stage: "running".into(),
        processed: 5,
        total: 10,
        read: 0,
        written: 0,
        merged: 0,
        rejected: 0,
        done: false,
    };
    let e = Event {
        tenant: TenantId::for_tests(tenant),
        kind: EventKind::ImportProgress(progress.clone()),
    };
    let text = encode(instance, &e).unwrap_or_default();
    let back: Wire = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}: {text}"));
    assert_eq!(
        back,
        Wire {
            instance,
            tenant,
            valuation: None,
            import: Some(progress)
        }
    );
    assert!(!text.contains("valuation"), "{text}");
}
