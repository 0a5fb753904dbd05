//! GraphQL enums and their database spellings (one macro so the two never drift apart).
use crate::error::ApiError;
use async_graphql::Enum;

macro_rules! db_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $db:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// The value stored in the database.
            pub fn as_db(self) -> &'static str {
                match self { $(Self::$variant => $db),+ }
            }

            /// Parses a stored value; an unknown one is a data error, reported as internal.
            pub fn from_db(s: &str) -> Result<Self, ApiError> {
                match s {
                    $($db => Ok(Self::$variant),)+
                    other => Err(ApiError::Internal(anyhow::anyhow!(
                        "unexpected {} value in database: {other}", stringify!($name)
                    ))),
                }
            }
        }
    };
}

db_enum!(
    /// Kind of real estate.
    PropertyType {
        SingleFamily => "single_family",
        Condo => "condo",
        Townhouse => "townhouse",
        Multifamily => "multifamily",
        Office => "office",
        Retail => "retail",
        Industrial => "industrial",
        MixedUse => "mixed_use",
        Land => "land",
    }
);

db_enum!(
    /// Where the property stands for the tenant.
    PropertyStatus {
        Active => "active",
        UnderContract => "under_contract",
        Owned => "owned",
        Sold => "sold",
        Archived => "archived",
    }
);

db_enum!(
    /// Acquisition pipeline stage.
    PipelineStage {
        Sourced => "sourced",
        Screening => "screening",
        Underwriting => "underwriting",
        DueDiligence => "due_diligence",
        Closed => "closed",
        Rejected => "rejected",
    }
);

db_enum!(
    /// Legal form of an owner.
    OwnerType {
        Individual => "individual",
        Llc => "llc",
        Corporation => "corporation",
        Partnership => "partnership",
        Trust => "trust",
        Reit => "reit",
        Fund => "fund",
        Government => "government",
        Other => "other",
    }
);

db_enum!(
    /// How a lease recovers operating expenses (docs/dcf.md).
    Recovery {
        Nnn => "nnn",
        BaseYear => "base_year",
        Gross => "gross",
    }
);

db_enum!(
    /// Caller roles, highest first: admin > operator > analyst > viewer.
    UserRole {
        Admin => "admin",
        Operator => "operator",
        Analyst => "analyst",
        Viewer => "viewer",
    }
);

/// Sort direction.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum SortDirection {
    Asc,
    #[default]
    Desc,
}

db_enum!(
    /// Where an offer on a property stands.
    OfferStatus {
        Submitted => "submitted",
        Accepted => "accepted",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
    }
);
