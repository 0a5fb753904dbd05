//! Creates `unit_leases` (docs/lease.md "Residential leases"): one row per multifamily unit — its
//! type, resident, rents, deposit, dates and status — written by a multifamily rent roll and by a
//! confirmed residential lease abstract; the unit mix the DCF reads is kept in step with them.
//! A unit is unique within its property. Also `lease_abstracts.unit_lease_id`, the unit lease a
//! residential confirmation wrote. Tenant-owned under RLS (init-plan policy) with the change
//! trigger.
use crate::common::*;
use sea_orm_migration::{prelude::*, schema::*};

/// The tenant-owned tables this migration creates (and secures itself).
pub const TABLES: &[&str] = &["unit_leases"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LeaseAbstracts {
    Table,
    UnitLeaseId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                tenant_table("unit_leases")
                    .col(uuid("property_id"))
                    .col(string("unit"))
                    .col(string_null("unit_type"))
                    .col(string_null("resident"))
                    .col(string("status"))
                    .col(double_null("area_sf"))
                    .col(double_null("monthly_rent"))
                    .col(double_null("market_rent"))
                    .col(double_null("security_deposit"))
                    .col(double_null("late_fee"))
                    .col(date_null("start_date"))
                    .col(date_null("end_date"))
                    .col(created_at())
                    .col(updated_at())
                    .check(check("status IN ('occupied', 'vacant', 'notice')"))
                    .check(check("area_sf IS NULL OR area_sf > 0"))
                    .check(check("monthly_rent IS NULL OR monthly_rent >= 0"))
                    .check(check("market_rent IS NULL OR market_rent >= 0"))
                    .check(check("security_deposit IS NULL OR security_deposit >= 0"))
                    .check(check("late_fee IS NULL OR late_fee >= 0"))
                    .check(check(
                        "start_date IS NULL OR end_date IS NULL OR end_date >= start_date",
                    ))
                    .foreign_key(&mut tenant_fk("unit_leases", "property_id", "properties"))
                    .to_owned(),
            )
            .await?;
        tenant_keys(manager, "unit_leases").await?;
        index(manager, "unit_leases", &["tenant_id", "property_id", "unit"], true).await?;
        secure_tables_init_plan(manager, TABLES).await?;
        postgres_only(
            manager,
            "CREATE TRIGGER reos_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_leases
               FOR EACH STATEMENT EXECUTE FUNCTION reos_notify_change();",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(LeaseAbstracts::Table)
                    .add_column(ColumnDef::new(LeaseAbstracts::UnitLeaseId).uuid().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(LeaseAbstracts::Table)
                    .drop_column(LeaseAbstracts::UnitLeaseId)
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, TABLES).await
    }
}
