//! Users of a tenant: provisioned just in time from verified tokens, managed by admins.
use super::scoped;
use crate::persistence::TenantTx;
use reos_entities::user;
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, QueryFilter, Set};
use uuid::Uuid;

/// Records the caller (subject, role, last seen) and returns the row.
pub async fn touch(tx: &TenantTx, subject: &str, email: Option<&str>, role: &str) -> Result<user::Model, DbErr> {
    let now = chrono::Utc::now();
    let existing = scoped::<user::Entity>(tx)
        .filter(user::Column::Subject.eq(subject))
        .one(tx.conn())
        .await?;
    match existing {
        Some(u) => {
            let mut am: user::ActiveModel = u.into();
            am.last_seen_at = Set(now);
            am.role = Set(role.to_owned());
            if let Some(email) = email {
                am.email = Set(Some(email.to_owned()));
            }
            am.update(tx.conn()).await
        }
        None => {
            user::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(tx.tenant().0),
                subject: Set(subject.to_owned()),
                email: Set(email.map(str::to_owned)),
                display_name: Set(None),
                role: Set(role.to_owned()),
                active: Set(true),
                created_at: Set(now),
                last_seen_at: Set(now),
            }
            .insert(tx.conn())
            .await
        }
    }
}
