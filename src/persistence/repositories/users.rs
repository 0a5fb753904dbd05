//! Users of a tenant: provisioned just in time from verified tokens, managed by admins.
use super::scoped;
use crate::auth::Role;
use crate::persistence::TenantTx;
use reos_entities::enums::UserRole;
use reos_entities::user;
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, QueryFilter, Set};
use uuid::Uuid;

/// The user with this token subject, if any.
pub async fn by_subject(tx: &TenantTx, subject: &str) -> Result<Option<user::Model>, DbErr> {
    scoped::<user::Entity>(tx)
        .filter(user::Column::Subject.eq(subject))
        .one(tx.conn().await?)
        .await
}

/// Activates or deactivates a user.
pub async fn set_active(tx: &TenantTx, id: Uuid, active: bool) -> Result<user::Model, DbErr> {
    let row = scoped::<user::Entity>(tx)
        .filter(user::Column::Id.eq(id))
        .one(tx.conn().await?)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("user {id}")))?;
    let mut am: user::ActiveModel = row.into();
    am.active = Set(active);
    am.update(tx.conn().await?).await
}

/// The one mapping between a token's role and the role stored in `users.role` (here, above both
/// `auth` and the entities, so neither has to know the other).
impl From<Role> for UserRole {
    fn from(r: Role) -> Self {
        match r {
            Role::Viewer => Self::Viewer,
            Role::Analyst => Self::Analyst,
            Role::Operator => Self::Operator,
            Role::Admin => Self::Admin,
        }
    }
}

impl From<UserRole> for Role {
    fn from(r: UserRole) -> Self {
        match r {
            UserRole::Viewer => Role::Viewer,
            UserRole::Analyst => Role::Analyst,
            UserRole::Operator => Role::Operator,
            UserRole::Admin => Role::Admin,
        }
    }
}

/// Records the caller (subject, role, last seen) and returns the row.
pub async fn touch(tx: &TenantTx, subject: &str, email: Option<&str>, role: UserRole) -> Result<user::Model, DbErr> {
    let now = chrono::Utc::now();
    match by_subject(tx, subject).await? {
        Some(u) => {
            let mut am: user::ActiveModel = u.into();
            am.last_seen_at = Set(now);
            am.role = Set(role);
            if let Some(email) = email {
                am.email = Set(Some(email.to_owned()));
            }
            am.update(tx.conn().await?).await
        }
        None => {
            user::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(tx.tenant().uuid()),
                subject: Set(subject.to_owned()),
                email: Set(email.map(str::to_owned)),
                display_name: Set(None),
                role: Set(role),
                active: Set(true),
                created_at: Set(now),
                last_seen_at: Set(now),
            }
            .insert(tx.conn().await?)
            .await
        }
    }
}

#[cfg(test)]
mod tests;
