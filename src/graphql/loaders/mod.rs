//! Per-request DataLoader: batches the nested reads of a page of properties (owners, leases,
//! unit mix, hazards, latest valuation, field provenance) into one statement each, so a page costs the same number
//! of statements whatever its size. Every requested key gets an entry (empty when there is no
//! row), so the per-request cache answers repeated and prefetched keys without a statement.
use crate::persistence::TenantTx;
use crate::persistence::repositories::{leases, properties, records};
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use reos_entities::{field_provenance, lease, owner, property_hazard, property_ownership, unit_mix, valuation};
use sea_orm::DbErr;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Loads children of properties inside the request's tenant transaction.
pub struct ByProperty {
    tx: Arc<TenantTx>,
}

/// The DataLoader resolvers use.
pub type Loaders = DataLoader<ByProperty, HashMapCache>;

pub fn loaders(tx: Arc<TenantTx>) -> Loaders {
    // No batching delay: lists prefetch every key at once (see `prefetch`), so waiting for more
    // keys would only add latency.
    DataLoader::with_cache(ByProperty { tx }, tokio::spawn, HashMapCache::default()).delay(std::time::Duration::ZERO)
}

macro_rules! key {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub Uuid);
    };
}
key!(OwnersOf);
key!(LeasesOf);
key!(UnitMixOf);
key!(HazardOf);
key!(ValuationOf);
key!(ProvenanceOf);

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<DbErr>>;

fn ids<K: Copy>(keys: &[K], f: impl Fn(K) -> Uuid) -> Vec<Uuid> {
    keys.iter().map(|k| f(*k)).collect()
}

/// One entry per requested key: the loaded value, or the default (empty list, None) when the
/// property has no rows.
fn complete<K, V, W>(
    keys: &[K],
    mut map: HashMap<Uuid, V>,
    id: impl Fn(K) -> Uuid,
    wrap: impl Fn(Option<V>) -> W,
) -> HashMap<K, W>
where
    K: Copy + Eq + std::hash::Hash,
{
    keys.iter().map(|k| (*k, wrap(map.remove(&id(*k))))).collect()
}

impl Loader<OwnersOf> for ByProperty {
    type Value = Vec<(property_ownership::Model, owner::Model)>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[OwnersOf]) -> LoadResult<OwnersOf, Self::Value> {
        let map = properties::owners_of(&self.tx, &ids(keys, |k| k.0))
            .await
            .map_err(Arc::new)?;
        Ok(complete(keys, map, |k| k.0, Option::unwrap_or_default))
    }
}

impl Loader<LeasesOf> for ByProperty {
    type Value = Vec<lease::Model>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[LeasesOf]) -> LoadResult<LeasesOf, Self::Value> {
        let map = leases::for_properties(&self.tx, &ids(keys, |k| k.0))
            .await
            .map_err(Arc::new)?;
        Ok(complete(keys, map, |k| k.0, Option::unwrap_or_default))
    }
}

impl Loader<UnitMixOf> for ByProperty {
    type Value = Vec<unit_mix::Model>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[UnitMixOf]) -> LoadResult<UnitMixOf, Self::Value> {
        let map = leases::unit_mix_for(&self.tx, &ids(keys, |k| k.0))
            .await
            .map_err(Arc::new)?;
        Ok(complete(keys, map, |k| k.0, Option::unwrap_or_default))
    }
}

impl Loader<HazardOf> for ByProperty {
    type Value = Option<property_hazard::Model>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[HazardOf]) -> LoadResult<HazardOf, Self::Value> {
        let map = properties::latest_hazards(&self.tx, &ids(keys, |k| k.0))
            .await
            .map_err(Arc::new)?;
        Ok(complete(keys, map, |k| k.0, |v| v))
    }
}

impl Loader<ValuationOf> for ByProperty {
    type Value = Option<valuation::Model>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[ValuationOf]) -> LoadResult<ValuationOf, Self::Value> {
        let map = properties::latest_valuations(&self.tx, &ids(keys, |k| k.0))
            .await
            .map_err(Arc::new)?;
        Ok(complete(keys, map, |k| k.0, |v| v))
    }
}

impl Loader<ProvenanceOf> for ByProperty {
    type Value = Vec<field_provenance::Model>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[ProvenanceOf]) -> LoadResult<ProvenanceOf, Self::Value> {
        let map = records::property_provenance(&self.tx, &ids(keys, |k| k.0))
            .await
            .map_err(Arc::new)?;
        Ok(complete(keys, map, |k| k.0, Option::unwrap_or_default))
    }
}

/// Loads, in one batch per kind, the children a page's selection asks for, before the nested
/// resolvers run (they then hit the cache): the statement count stays fixed however the
/// resolvers happen to interleave.
pub async fn prefetch(loader: &Loaders, node: async_graphql::Lookahead<'_>, ids: &[Uuid]) -> Result<(), Arc<DbErr>> {
    let ids = || ids.iter().copied();
    let (a, b, c, d, e, f) = futures_util::join!(
        async {
            if node.field("owners").exists() {
                loader.load_many(ids().map(OwnersOf)).await.map(drop)
            } else {
                Ok(())
            }
        },
        async {
            if node.field("leases").exists() {
                loader.load_many(ids().map(LeasesOf)).await.map(drop)
            } else {
                Ok(())
            }
        },
        async {
            if node.field("unitMix").exists() {
                loader.load_many(ids().map(UnitMixOf)).await.map(drop)
            } else {
                Ok(())
            }
        },
        async {
            if node.field("hazards").exists() {
                loader.load_many(ids().map(HazardOf)).await.map(drop)
            } else {
                Ok(())
            }
        },
        async {
            if node.field("latestValuation").exists() {
                loader.load_many(ids().map(ValuationOf)).await.map(drop)
            } else {
                Ok(())
            }
        },
        async {
            if node.field("field").exists() || node.field("trust").exists() {
                loader.load_many(ids().map(ProvenanceOf)).await.map(drop)
            } else {
                Ok(())
            }
        },
    );
    a.and(b).and(c).and(d).and(e).and(f)
}
