//! The closed sets of values stored in text columns (each one guarded by a CHECK constraint in the
//! migrations, except `properties.property_type`, which the pipeline's gates guard), as enums.
//!
//! The columns stay plain text on both SQLite and PostgreSQL: the enums read and write exactly
//! the spellings listed here, so no migration is needed. The app mirrors the ones it exposes as
//! GraphQL enums (`graphql/types/enums.rs`).
use sea_orm::sea_query::StringLen;
use std::fmt;
use std::str::FromStr;

/// A text that is none of an enum's stored spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum's name, e.g. `PropertyType`.
    pub set: &'static str,
    /// The text that was given.
    pub value: String,
    /// Every accepted spelling, in declaration order.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}`: expected one of {}",
            self.set,
            self.value,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

/// One enum stored as text: the sea-orm `DeriveActiveEnum` (one `string_value` per variant) plus
/// `as_str`, `ALL`, `Display` and `FromStr` on the same spellings, so they cannot drift apart.
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $db:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, sea_orm::EnumIter, sea_orm::DeriveActiveEnum)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum $name {
            $($(#[$vdoc])* #[sea_orm(string_value = $db)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The stored spelling.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $db),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            /// Parses a stored spelling (exactly, case-sensitive).
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($db => Ok(Self::$variant),)+
                    other => Err(UnknownValue {
                        set: stringify!($name),
                        value: other.to_owned(),
                        expected: &[$($db),+],
                    }),
                }
            }
        }
    };
}

text_enum!(
    /// `properties.property_type`: kind of real estate.
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

text_enum!(
    /// `properties.status`: where the property stands for the tenant.
    PropertyStatus {
        Active => "active",
        UnderContract => "under_contract",
        Owned => "owned",
        Sold => "sold",
        Archived => "archived",
    }
);

text_enum!(
    /// `properties.pipeline_stage`: acquisition pipeline stage.
    PipelineStage {
        Sourced => "sourced",
        Screening => "screening",
        Underwriting => "underwriting",
        DueDiligence => "due_diligence",
        Closed => "closed",
        Rejected => "rejected",
    }
);

text_enum!(
    /// `owners.owner_type`: legal form of an owner.
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

text_enum!(
    /// `leases.recovery` and `market_leasing_profiles.recovery`: how a lease recovers operating
    /// expenses (docs/dcf.md).
    Recovery {
        Nnn => "nnn",
        BaseYear => "base_year",
        Gross => "gross",
    }
);

text_enum!(
    /// `users.role`: the role a user's token carried when last seen.
    UserRole {
        Admin => "admin",
        Operator => "operator",
        Analyst => "analyst",
        Viewer => "viewer",
    }
);

text_enum!(
    /// `offers.status`: where an offer on a property stands.
    OfferStatus {
        Submitted => "submitted",
        Accepted => "accepted",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
    }
);

text_enum!(
    /// `pipeline_runs.outcome`: how a property-pipeline run ended.
    RunOutcome {
        /// Every batch committed.
        Succeeded => "succeeded",
        /// A blocking gate failed: nothing was written but the run row.
        Blocked => "blocked",
        /// The run stopped on an error.
        Failed => "failed",
        /// Stopped by a signal; the counts are what the run committed.
        Interrupted => "interrupted",
    }
);

text_enum!(
    /// `pipeline_gate_results.severity`: what a recorded problem of a run was.
    GateSeverity {
        /// A failed blocking expectation.
        Blocking => "blocking",
        /// A failed warning expectation.
        Warning => "warning",
        /// A row left out.
        Rejected => "rejected",
    }
);

text_enum!(
    /// `graph_outbox.kind`: what kind of row a write touched.
    OutboxKind {
        Owner => "owner",
        Ownership => "ownership",
        Lease => "lease",
        Loan => "loan",
        Property => "property",
    }
);

text_enum!(
    /// `valuations.model`: the model that produced a saved valuation.
    ValuationModel {
        Dcf => "dcf",
        CompCritic => "comp-critic",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ActiveEnum;

    fn round_trips<E>(all: &[E])
    where
        E: ActiveEnum<Value = String> + FromStr + fmt::Display + PartialEq + fmt::Debug + Copy,
    {
        for v in all {
            let text = v.to_string();
            assert_eq!(v.to_value(), text, "the stored value is the displayed spelling");
            assert_eq!(E::try_from_value(&text).ok(), Some(*v));
            assert_eq!(text.parse::<E>().ok(), Some(*v));
        }
    }

    #[test]
    fn every_spelling_round_trips_through_the_database_value_and_from_str() {
        round_trips(PropertyType::ALL);
        round_trips(PropertyStatus::ALL);
        round_trips(PipelineStage::ALL);
        round_trips(OwnerType::ALL);
        round_trips(Recovery::ALL);
        round_trips(UserRole::ALL);
        round_trips(OfferStatus::ALL);
        round_trips(RunOutcome::ALL);
        round_trips(GateSeverity::ALL);
        round_trips(OutboxKind::ALL);
        round_trips(ValuationModel::ALL);
    }

    #[test]
    fn an_unknown_spelling_names_the_set_and_the_accepted_values() {
        let err = "castle".parse::<PropertyType>().err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            msg.contains("PropertyType") && msg.contains("`castle`") && msg.contains("mixed_use"),
            "{msg}"
        );
        assert!("Condo".parse::<PropertyType>().is_err(), "spellings are case-sensitive");
    }
}
