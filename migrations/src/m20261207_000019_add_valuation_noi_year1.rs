//! `valuations.noi_year1`: a DCF valuation's year-1 NOI as its own column (null for other models),
//! so a portfolio summary reads a number instead of parsing every saved result's JSON. Existing
//! DCF rows are filled from their result.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Valuations {
    Table,
    NoiYear1,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Valuations::Table)
                    .add_column(ColumnDef::new(Valuations::NoiYear1).double().null())
                    .to_owned(),
            )
            .await?;
        let fill = match manager.get_database_backend() {
            DbBackend::Postgres => {
                "UPDATE valuations SET noi_year1 = (result->>'noi_year1')::float8 WHERE model = 'dcf'"
            }
            _ => {
                "UPDATE valuations SET noi_year1 = CAST(json_extract(result, '$.noi_year1') AS REAL) WHERE model = 'dcf'"
            }
        };
        manager.get_connection().execute_unprepared(fill).await.map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Valuations::Table)
                    .drop_column(Valuations::NoiYear1)
                    .to_owned(),
            )
            .await
    }
}
