//! A property's optional attributes as one value: what a create or update sets (an absent field is
//! left as it is), read back from a row with [`Attributes::of`] and written with [`Attributes::apply`].
use crate::enums::{PipelineStage, PropertyStatus, PropertyType};
use crate::property;
use sea_orm::Set;
use sea_orm::prelude::{DateTimeUtc, Uuid};

/// The one list of a property's optional attributes, as `name: Type` with their API doc
/// comments, in API order: it calls `$m!` with the list, so the attribute struct below, the
/// GraphQL input, the import format's field map and the blank row all follow it. Adding an
/// attribute: a line here, the column in `property.rs` and a migration, its output field in the
/// GraphQL `Property` type, and its rule in `services::properties::validate` if it has one.
#[macro_export]
macro_rules! property_attributes {
    ($m:ident) => {
        $m! {
            external_id: String,
            name: String,
            latitude: f64,
            longitude: f64,
            building_type: String,
            neighborhood: String,
            living_area_sf: f64,
            lot_area_sf: f64,
            year_built: i32,
            year_remodeled: i32,
            bedrooms: i32,
            full_baths: i32,
            half_baths: i32,
            basement_sf: f64,
            garage_cars: i32,
            /// 1 (poor) to 10 (excellent).
            condition_score: i32,
            stories: String,
            fireplaces: i32,
            central_air: bool,
            porch_sf: f64,
            deck_sf: f64,
            pool_sf: f64,
            list_price: f64,
            purchase_price: f64,
            units_count: i32,
            building_area_sf: f64,
            /// Parking spaces that come with the property (garage, lot or deeded stalls).
            parking_spaces: i32,
        }
    };
}

macro_rules! attributes_struct {
    ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => {
        /// Every optional attribute of a property; `None` means "not given".
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Attributes {
            $($(#[$doc])* pub $f: Option<$t>,)*
            pub status: Option<PropertyStatus>,
            pub pipeline_stage: Option<PipelineStage>,
            pub source: Option<String>,
        }
    };
}
property_attributes!(attributes_struct);

macro_rules! optional_columns {
    ($m:ident) => {
        property_attributes!($m)
    };
}

impl Attributes {
    /// The attributes a stored row has.
    pub fn of(m: &property::Model) -> Self {
        macro_rules! read {
            ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => { Self { $($f: m.$f.clone(),)* status: Some(m.status), pipeline_stage: Some(m.pipeline_stage), source: m.source.clone() } };
        }
        optional_columns!(read)
    }

    /// Writes the given attributes into `am`; absent ones keep their value.
    pub fn apply(self, am: &mut property::ActiveModel) {
        macro_rules! set {
            ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => {$( if let Some(v) = self.$f { am.$f = Set(Some(v)); } )*};
        }
        optional_columns!(set);
        if let Some(s) = self.source {
            am.source = Set(Some(s));
        }
        if let Some(s) = self.status {
            am.status = Set(s);
        }
        if let Some(s) = self.pipeline_stage {
            am.pipeline_stage = Set(s);
        }
    }
}

impl property::ActiveModel {
    /// A new property's row: the given id, tenant, type and time, every optional column NULL,
    /// status `active` and stage `sourced` until attributes say otherwise. The address columns are
    /// left to the caller.
    pub fn blank(id: Uuid, tenant_id: Uuid, property_type: PropertyType, now: DateTimeUtc) -> Self {
        macro_rules! none {
            ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => { Self {
                id: Set(id),
                tenant_id: Set(tenant_id),
                property_type: Set(property_type),
                status: Set(PropertyStatus::Active),
                pipeline_stage: Set(PipelineStage::Sourced),
                unit: Set(None),
                postal_code: Set(None),
                normalized_address: Set(None),
                address_hash: Set(None),
                source: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                $($f: Set(None),)*
                ..Default::default()
            } };
        }
        optional_columns!(none)
    }
}

impl property::Model {
    /// A property with only its identity, type and time: empty address, every optional column
    /// `None`, status `active`, stage `sourced` (the start of an import's merge).
    pub fn blank(id: Uuid, tenant_id: Uuid, property_type: PropertyType, now: DateTimeUtc) -> Self {
        macro_rules! none {
            ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => { Self {
                id,
                tenant_id,
                property_type,
                address_line1: String::new(),
                city: String::new(),
                state: String::new(),
                unit: None,
                postal_code: None,
                normalized_address: None,
                address_hash: None,
                status: PropertyStatus::Active,
                pipeline_stage: PipelineStage::Sourced,
                source: None,
                created_at: now,
                updated_at: now,
                $($f: None,)*
            } };
        }
        optional_columns!(none)
    }
}
