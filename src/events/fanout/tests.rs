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
            import: Some(progress),
            job: None,
        }
    );
    assert!(!text.contains("valuation"), "{text}");
}

#[test]
fn a_job_notification_carries_the_job_id_not_its_record() {
    let (instance, tenant, id) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let now = chrono::Utc::now();
    let row = job::Model {
        id,
        tenant_id: tenant,
        kind: "revalue".into(),
        status: "running".into(),
        dedupe_key: None,
        run_at: now,
        attempts: 1,
        max_attempts: 3,
        last_error: Some("secret detail".into()),
        locked_by: Some("worker-1".into()),
        heartbeat_at: Some(now),
        progress: Some(serde_json::json!({"done": 200, "total": 1000})),
        created_by: "admin".into(),
        created_at: now,
        started_at: Some(now),
        finished_at: None,
    };
    let e = Event {
        tenant: TenantId::for_tests(tenant),
        kind: EventKind::JobProgress(Arc::new(row)),
    };
    let text = encode(instance, &e).unwrap_or_default();
    let back: Wire = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}: {text}"));
    assert_eq!(back.job, Some(id));
    assert_eq!((back.valuation, back.import), (None, None));
    for leaked in ["secret", "worker-1", "done", "revalue"] {
        assert!(!text.contains(leaked), "{leaked} in {text}");
    }
}
