//! Wire tests of the Neo4j engine against `boltstub` (PyPI `boltkit`, Bolt 4.0): each script under
//! `tests/bolt/` is a scripted conversation that checks the exact Cypher and parameters neo4rs
//! sends — the `$tenant` filter included — and replies with records the engine must map back.
//! Skipped with a `SKIPPED:` note when boltstub is not installed, except under `REOS_CI=1`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reos::graph::load::assemble;
use reos::graph::resolve::OwnerRow;
use reos::graph::{EmbeddedGraph, GraphStore, Neo4jSettings, Neo4jStore, PropertyNode};
use reos::persistence::TenantId;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::skip;
use uuid::Uuid;

/// A running boltstub with one script on one loopback port (17687–17699).
struct Stub {
    child: Child,
    script: String,
}

fn listening(port: u16) -> bool {
    // /proc/net/tcp lists sockets as `local_address` hex `0100007F:PORT` with state 0A (LISTEN).
    // Probing with a connection would count as the stub's one client.
    let needle = format!(":{port:04X} 00000000:0000 0A");
    std::fs::read_to_string("/proc/net/tcp").is_ok_and(|t| t.contains(&needle))
}

impl Stub {
    fn start(script: &str, port: u16) -> Option<Self> {
        let installed = Command::new("boltstub")
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            skip::missing(&format!(
                "boltstub (pip install boltkit) is not installed; Bolt wire test {script} not run"
            ));
            return None;
        }
        let path = format!("{}/tests/bolt/{script}", env!("CARGO_MANIFEST_DIR"));
        let child = Command::new("boltstub")
            .arg(port.to_string())
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(15);
        while !listening(port) {
            assert!(Instant::now() < deadline, "boltstub did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Self {
            child,
            script: script.to_owned(),
        })
    }

    async fn store(port: u16) -> Neo4jStore {
        let s = Neo4jSettings {
            uri: format!("bolt://127.0.0.1:{port}"),
            user: "neo4j".into(),
            password: "test".to_owned().into(),
            database: None,
        };
        Neo4jStore::connect(&s)
            .await
            .unwrap()
            .with_timeout(Duration::from_secs(10))
    }

    /// Waits for the stub to end (the client has closed); it exits 0 only when the whole script
    /// was played. Shows the stub's log when not.
    fn finish(mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break Some(s);
            }
            if Instant::now() > deadline {
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        if status.is_none() {
            let _ = self.child.kill();
        }
        let out = self.child.wait_with_output().unwrap();
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            status.is_some_and(|s| s.success()),
            "boltstub {} did not complete its script:\n{log}",
            self.script
        );
    }
}

fn u(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

const TENANT: u128 = 0xA;

/// The tenant the scripts' data belongs to. There is no database in these tests: its row lives
/// only in the scripts, so the test writes that row out here as their fixture.
fn tenant() -> TenantId {
    TenantId::from_row(&reos_entities::tenant::Model {
        id: u(TENANT),
        slug: "stub".into(),
        name: "stub".into(),
        created_at: chrono::Utc::now(),
    })
}

/// The data the scripts answer with, as a snapshot for the embedded engine: owners 1 (Acme),
/// 2 (Birch), 3 (Cedar, nothing owned); properties 0x11 (100) and 0x12 (50).
fn snapshot() -> reos::graph::Snapshot {
    let owners = [(1, "Acme"), (2, "Birch"), (3, "Cedar")].map(|(n, name)| OwnerRow {
        id: u(n),
        name: name.into(),
        tax_id: None,
    });
    let props = [(0x11, "P1", 100.0), (0x12, "P2", 50.0)].map(|(n, l, v)| PropertyNode {
        id: u(n),
        label: l.into(),
        value: v,
    });
    assemble(
        u(TENANT),
        &owners,
        props.into_iter(),
        [(u(1), u(0x11), 60.0), (u(2), u(0x11), 40.0), (u(2), u(0x12), 100.0)].into_iter(),
        [("Hy-Vee, Inc.", u(0x11))].into_iter(),
        [("First Bank", u(0x12))].into_iter(),
    )
}

#[tokio::test]
async fn portfolio_sends_the_tenant_and_owner_and_maps_holdings_back() {
    let Some(stub) = Stub::start("portfolio.script", 17687) else {
        return;
    };
    let store = Stub::store(17687).await;
    let p = store.owner_portfolio(tenant(), u(2)).await.unwrap().unwrap();
    drop(store);
    stub.finish();
    let emb = EmbeddedGraph::new(snapshot());
    assert_eq!(Some(p), emb.owner_portfolio(tenant(), u(2)).await.unwrap());
}

#[tokio::test]
async fn co_owners_maps_shared_properties_back() {
    let Some(stub) = Stub::start("co_owners.script", 17688) else {
        return;
    };
    let store = Stub::store(17688).await;
    let c = store.co_owners(tenant(), u(1)).await.unwrap();
    drop(store);
    stub.finish();
    let emb = EmbeddedGraph::new(snapshot());
    assert_eq!(c, emb.co_owners(tenant(), u(1)).await.unwrap());
    assert_eq!(c[0].shared_property_ids, vec![u(0x11)]);
}

#[tokio::test]
async fn network_puts_the_validated_depth_into_the_pattern_and_rebuilds_depths() {
    let Some(stub) = Stub::start("network.script", 17689) else {
        return;
    };
    let store = Stub::store(17689).await;
    let n = store.property_network(tenant(), u(0x12), 2).await.unwrap().unwrap();
    drop(store);
    stub.finish();
    let emb = EmbeddedGraph::new(snapshot());
    assert_eq!(Some(n), emb.property_network(tenant(), u(0x12), 2).await.unwrap());
}

#[tokio::test]
async fn influential_owners_rank_alike_on_neo4j_and_embedded() {
    let Some(stub) = Stub::start("ownership.script", 17690) else {
        return;
    };
    let store = Stub::store(17690).await;
    let t = tenant();
    let ranked = store.influential_owners(t, 10).await.unwrap();
    let clusters = store.owner_clusters(t, 1).await.unwrap();
    drop(store);
    stub.finish();
    let emb = EmbeddedGraph::new(snapshot());
    assert_eq!(ranked, emb.influential_owners(t, 10).await.unwrap());
    assert_eq!(clusters, emb.owner_clusters(t, 1).await.unwrap());
    assert_eq!(ranked.len(), 3);
}

#[tokio::test]
async fn sync_replaces_only_the_tenants_graph_in_one_transaction() {
    let Some(stub) = Stub::start("sync.script", 17691) else {
        return;
    };
    let store = Stub::store(17691).await;
    store.replace_tenant(&snapshot()).await.unwrap();
    drop(store);
    stub.finish();
}

#[tokio::test]
async fn a_depth_outside_one_to_four_is_refused_before_anything_is_sent() {
    // No stub: nothing listens, so any attempt to send would fail with GRAPH_NEO4J instead.
    let store = Stub::store(17699).await;
    let err = store.property_network(tenant(), u(0x11), 5).await.unwrap_err();
    assert_eq!(err.code(), "BAD_USER_INPUT");
    let err = store.owner_portfolio(tenant(), u(1)).await.unwrap_err();
    assert_eq!(err.code(), "GRAPH_NEO4J");
}

/// The drainer (and `graph sync`) end to end on SQLite: a write's outbox row, a failed attempt against a Neo4j that
/// is down (attempt counted, row kept, backed off), nothing retried before its time, then — once
/// due — a sync over the wire (the script checks every statement) and the row deleted.
#[tokio::test]
async fn the_drainer_retries_after_a_failure_and_deletes_rows_once_synced() {
    use reos::graph::drain::{Drained, drain_tenant};
    use reos::graph::outbox::{OutboxKind, enqueue};
    use reos::persistence::{Database, TenantTx};
    use reos_entities::enums::{OwnerType, PipelineStage, PropertyStatus, PropertyType};
    use reos_entities::{graph_outbox, owner, property, property_ownership, tenant};
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    let Some(stub) = Stub::start("drain.script", 17692) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut settings = reos::config::Settings::default();
    settings.server.data_dir = dir.path().to_path_buf();
    settings.server.seed_demo = false;
    let db = Database::connect(&settings).await.unwrap();
    db.migrate().await.unwrap();
    let t = u(0xB);
    let now = chrono::Utc::now();
    let row = tenant::ActiveModel {
        id: Set(t),
        slug: Set("bolt".into()),
        name: Set("bolt".into()),
        created_at: Set(now),
    }
    .insert(&db.owner)
    .await
    .unwrap();
    let tid = TenantId::from_row(&row);
    let tx = TenantTx::begin(&db.service, tid).await.unwrap();
    property::ActiveModel {
        id: Set(u(0x21)),
        tenant_id: Set(t),
        name: Set(Some("Depot".into())),
        address_line1: Set("1 Main St".into()),
        city: Set("Ames".into()),
        state: Set("IA".into()),
        property_type: Set(PropertyType::Industrial),
        status: Set(PropertyStatus::Owned),
        pipeline_stage: Set(PipelineStage::Closed),
        purchase_price: Set(Some(800_000.0)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(tx.conn().await.unwrap())
    .await
    .unwrap();
    owner::ActiveModel {
        id: Set(u(0x31)),
        tenant_id: Set(t),
        name: Set("Oak LLC".into()),
        normalized_name: Set("oak llc".into()),
        owner_type: Set(OwnerType::Llc),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(tx.conn().await.unwrap())
    .await
    .unwrap();
    property_ownership::ActiveModel {
        id: Set(u(0x41)),
        tenant_id: Set(t),
        property_id: Set(u(0x21)),
        owner_id: Set(u(0x31)),
        share_pct: Set(100.0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(tx.conn().await.unwrap())
    .await
    .unwrap();
    enqueue(tx.conn().await.unwrap(), tid, OutboxKind::Ownership, u(0x41))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let dead = Stub::store(17699).await;
    assert_eq!(drain_tenant(&db, &dead, tid).await.unwrap(), Drained::Failed(1));
    let rows = graph_outbox::Entity::find().all(&db.owner).await.unwrap();
    assert_eq!((rows.len(), rows[0].attempts), (1, 1));
    assert_eq!(rows[0].last_error.as_deref(), Some("GRAPH_NEO4J"));
    assert!(rows[0].next_attempt_at > chrono::Utc::now());
    // Not due yet: nothing is sent (the stub would see it).
    let live = Stub::store(17692).await;
    assert_eq!(drain_tenant(&db, &live, tid).await.unwrap(), Drained::Nothing);
    // Time passes.
    let mut due: graph_outbox::ActiveModel = rows[0].clone().into();
    due.next_attempt_at = Set(chrono::Utc::now() - chrono::Duration::seconds(1));
    due.update(&db.owner).await.unwrap();
    assert_eq!(drain_tenant(&db, &live, tid).await.unwrap(), Drained::Synced(1));
    assert!(graph_outbox::Entity::find().all(&db.owner).await.unwrap().is_empty());
    // `reos graph sync --tenant bolt` on the same connection; it clears rows written before it.
    let tx = TenantTx::begin(&db.service, tid).await.unwrap();
    enqueue(tx.conn().await.unwrap(), tid, OutboxKind::Owner, u(0x31))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let counts = reos::graph::drain::full_sync(&db, &live, "bolt").await.unwrap();
    assert_eq!(counts, (1, 1));
    assert!(graph_outbox::Entity::find().all(&db.owner).await.unwrap().is_empty());
    drop(live);
    stub.finish();
}
