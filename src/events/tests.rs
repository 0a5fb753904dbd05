//! Unit tests of `events`.
use super::*;
use futures_util::StreamExt;

fn progress(run_id: Uuid) -> EventKind {
    EventKind::ImportProgress(ImportProgress {
        run_id,
        stage: "succeeded".into(),
        processed: 1,
        total: 1,
        read: 1,
        written: 1,
        merged: 0,
        rejected: 0,
        done: true,
    })
}

#[tokio::test]
async fn a_subscriber_sees_only_its_own_tenants_events() {
    let bus = EventBus::default();
    let (a, b) = (TenantId::for_tests(Uuid::new_v4()), TenantId::for_tests(Uuid::new_v4()));
    let mut sub = Box::pin(bus.subscribe(a));
    let run = Uuid::new_v4();
    bus.publish(Event {
        tenant: b,
        kind: progress(run),
    });
    bus.publish(Event {
        tenant: a,
        kind: progress(run),
    });
    let got = sub.next().await;
    assert!(matches!(got, Some(EventKind::ImportProgress(p)) if p.run_id == run));
    let none = tokio::time::timeout(std::time::Duration::from_millis(50), sub.next()).await;
    assert!(none.is_err(), "tenant B's event must not arrive");
}

#[tokio::test]
async fn events_wait_for_the_commit_and_a_rollback_ends_imports() {
    let bus = EventBus::default();
    let t = TenantId::for_tests(Uuid::new_v4());
    let mut sub = Box::pin(bus.subscribe(t));
    let outbox = Outbox::new(bus.clone(), t);
    let run = Uuid::new_v4();
    outbox.after_commit(progress(run));
    let early = tokio::time::timeout(std::time::Duration::from_millis(50), sub.next()).await;
    assert!(early.is_err(), "nothing before the commit");
    outbox.rolled_back();
    match sub.next().await {
        Some(EventKind::ImportProgress(p)) => assert_eq!((p.stage.as_str(), p.done), ("rolled_back", true)),
        other => panic!("unexpected {other:?}"),
    }
    outbox.committed();
    let none = tokio::time::timeout(std::time::Duration::from_millis(50), sub.next()).await;
    assert!(none.is_err(), "a rolled-back outbox is empty");
}
