//! Tenants: the registry itself (not tenant-owned). Creation uses the owner connection.
use reos_entities::tenant;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

pub async fn by_slug(conn: &impl ConnectionTrait, slug: &str) -> Result<Option<tenant::Model>, DbErr> {
    tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(slug))
        .one(conn)
        .await
}

pub async fn by_id(conn: &impl ConnectionTrait, id: Uuid) -> Result<Option<tenant::Model>, DbErr> {
    tenant::Entity::find_by_id(id).one(conn).await
}

/// Every tenant, oldest first.
pub async fn all(conn: &impl ConnectionTrait) -> Result<Vec<tenant::Model>, DbErr> {
    use sea_orm::QueryOrder;
    tenant::Entity::find()
        .order_by_asc(tenant::Column::CreatedAt)
        .all(conn)
        .await
}

pub async fn count(conn: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    tenant::Entity::find().count(conn).await
}

pub async fn create(conn: &impl ConnectionTrait, slug: &str, name: &str) -> Result<tenant::Model, DbErr> {
    tenant::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.to_owned()),
        name: Set(name.to_owned()),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(conn)
    .await
}
