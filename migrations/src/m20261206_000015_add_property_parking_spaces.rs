//! `properties.parking_spaces`: parking stalls that come with a property (optional, never
//! negative). Added as its own migration; the released ones are not edited.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Properties {
    Table,
    ParkingSpaces,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Properties::Table)
                    .add_column(
                        ColumnDef::new(Properties::ParkingSpaces)
                            .integer()
                            .null()
                            .check(Expr::col(Properties::ParkingSpaces).gte(0)),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Properties::Table)
                    .drop_column(Properties::ParkingSpaces)
                    .to_owned(),
            )
            .await
    }
}
