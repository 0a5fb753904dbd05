//! Per-request DataLoader: batches the nested reads of a page of properties (owners, leases,
//! unit mix, hazards, latest valuation) into one statement each, so a page costs the same number
//! of statements whatever its size.
use crate::persistence::TenantTx;
use crate::persistence::repositories::{leases, properties};
use async_graphql::dataloader::{DataLoader, Loader};
use reos_entities::{lease, owner, property_hazard, property_ownership, unit_mix, valuation};
use sea_orm::DbErr;
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Loads children of properties inside the request's tenant transaction.
pub struct ByProperty {
    tx: Arc<TenantTx>,
}

/// The DataLoader resolvers use.
pub type Loaders = DataLoader<ByProperty>;

pub fn loaders(tx: Arc<TenantTx>) -> Loaders {
    DataLoader::new(ByProperty { tx }, tokio::spawn)
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

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<DbErr>>;

fn ids<K: Copy>(keys: &[K], f: impl Fn(K) -> Uuid) -> Vec<Uuid> {
    keys.iter().map(|k| f(*k)).collect()
}

fn rekey<K: Eq + std::hash::Hash, V>(map: HashMap<Uuid, V>, f: impl Fn(Uuid) -> K) -> HashMap<K, V> {
    map.into_iter().map(|(k, v)| (f(k), v)).collect()
}

impl Loader<OwnersOf> for ByProperty {
    type Value = Vec<(property_ownership::Model, owner::Model)>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[OwnersOf]) -> LoadResult<OwnersOf, Self::Value> {
        let map = properties::owners_of(&self.tx, &ids(keys, |k| k.0)).await.map_err(Arc::new)?;
        Ok(rekey(map, OwnersOf))
    }
}

impl Loader<LeasesOf> for ByProperty {
    type Value = Vec<lease::Model>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[LeasesOf]) -> LoadResult<LeasesOf, Self::Value> {
        let map = leases::for_properties(&self.tx, &ids(keys, |k| k.0)).await.map_err(Arc::new)?;
        Ok(rekey(map, LeasesOf))
    }
}

impl Loader<UnitMixOf> for ByProperty {
    type Value = Vec<unit_mix::Model>;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[UnitMixOf]) -> LoadResult<UnitMixOf, Self::Value> {
        let map = leases::unit_mix_for(&self.tx, &ids(keys, |k| k.0)).await.map_err(Arc::new)?;
        Ok(rekey(map, UnitMixOf))
    }
}

impl Loader<HazardOf> for ByProperty {
    type Value = property_hazard::Model;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[HazardOf]) -> LoadResult<HazardOf, Self::Value> {
        let map = properties::latest_hazards(&self.tx, &ids(keys, |k| k.0)).await.map_err(Arc::new)?;
        Ok(rekey(map, HazardOf))
    }
}

impl Loader<ValuationOf> for ByProperty {
    type Value = valuation::Model;
    type Error = Arc<DbErr>;
    async fn load(&self, keys: &[ValuationOf]) -> LoadResult<ValuationOf, Self::Value> {
        let map = properties::latest_valuations(&self.tx, &ids(keys, |k| k.0)).await.map_err(Arc::new)?;
        Ok(rekey(map, ValuationOf))
    }
}
