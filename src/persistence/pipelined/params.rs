//! Statement parameters for the pipelined reads: sea-query's values (what the repositories build)
//! as tokio-postgres parameters. PostgreSQL decides each parameter's type when the statement is
//! prepared (`LIMIT $3` is a bigint, `year_built = $2` an integer); a value is written in that type
//! when it fits it exactly and refused, naming both types, when it does not. Nothing is rounded.
use bytes::BytesMut;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DbErr;
use sea_orm::sea_query::{ArrayType, Value};
use std::error::Error;
use tokio_postgres::types::{IsNull, Kind, ToSql, Type, to_sql_checked};
use uuid::Uuid;

type BoxError = Box<dyn Error + Sync + Send>;

/// One parameter value.
#[derive(Debug, Clone)]
pub(crate) enum Param {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Uuid(Uuid),
    Timestamp(DateTime<Utc>),
    Date(NaiveDate),
    Json(serde_json::Value),
    Uuids(Vec<Uuid>),
    Texts(Vec<String>),
}

impl Param {
    /// The parameters of a built statement.
    pub(crate) fn all(values: Option<&sea_orm::sea_query::Values>) -> Result<Vec<Self>, DbErr> {
        values.map_or(Ok(Vec::new()), |v| v.0.iter().map(Self::from_value).collect())
    }

    fn from_value(v: &Value) -> Result<Self, DbErr> {
        fn or_null<T>(v: &Option<T>, f: impl FnOnce(&T) -> Param) -> Param {
            v.as_ref().map_or(Param::Null, f)
        }
        let unsigned = |n: Option<u64>| -> Result<Param, DbErr> {
            n.map_or(Ok(Param::Null), |n| {
                i64::try_from(n)
                    .map(Param::Int)
                    .map_err(|_| DbErr::Type(format!("parameter {n} is out of range for a bigint")))
            })
        };
        Ok(match v {
            Value::Bool(b) => or_null(b, |b| Param::Bool(*b)),
            Value::TinyInt(n) => or_null(n, |n| Param::Int(i64::from(*n))),
            Value::SmallInt(n) => or_null(n, |n| Param::Int(i64::from(*n))),
            Value::Int(n) => or_null(n, |n| Param::Int(i64::from(*n))),
            Value::BigInt(n) => or_null(n, |n| Param::Int(*n)),
            Value::TinyUnsigned(n) => or_null(n, |n| Param::Int(i64::from(*n))),
            Value::SmallUnsigned(n) => or_null(n, |n| Param::Int(i64::from(*n))),
            Value::Unsigned(n) => or_null(n, |n| Param::Int(i64::from(*n))),
            Value::BigUnsigned(n) => unsigned(*n)?,
            Value::Float(x) => or_null(x, |x| Param::Float(f64::from(*x))),
            Value::Double(x) => or_null(x, |x| Param::Float(*x)),
            Value::String(s) => or_null(s, |s| Param::Text(s.clone())),
            Value::Char(c) => or_null(c, |c| Param::Text(c.to_string())),
            Value::Uuid(u) => or_null(u, |u| Param::Uuid(*u)),
            Value::ChronoDateTimeUtc(t) => or_null(t, |t| Param::Timestamp(*t)),
            Value::ChronoDate(d) => or_null(d, |d| Param::Date(*d)),
            Value::Json(j) => or_null(j, |j| Param::Json((**j).clone())),
            Value::Array(ArrayType::Uuid, items) => match items {
                None => Param::Null,
                Some(items) => Param::Uuids(
                    items
                        .iter()
                        .map(|v| match v {
                            Value::Uuid(Some(u)) => Ok(*u),
                            other => Err(unsupported(other)),
                        })
                        .collect::<Result<_, _>>()?,
                ),
            },
            Value::Array(ArrayType::String, items) => match items {
                None => Param::Null,
                Some(items) => Param::Texts(
                    items
                        .iter()
                        .map(|v| match v {
                            Value::String(Some(s)) => Ok(s.clone()),
                            other => Err(unsupported(other)),
                        })
                        .collect::<Result<_, _>>()?,
                ),
            },
            other => return Err(unsupported(other)),
        })
    }
}

fn unsupported(v: &Value) -> DbErr {
    DbErr::Type(format!("a pipelined read has no parameter type for {v:?}"))
}

fn mismatch(p: &Param, ty: &Type) -> BoxError {
    format!("parameter {p:?} does not fit the statement's {ty}").into()
}

/// `value` (what `p` holds, in a Rust type) in the statement's type `ty`, when that type is the
/// one `T` is written as: `i64` only as a bigint, `Uuid` only as a uuid, and so on.
fn write<T: ToSql>(p: &Param, value: &T, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    if T::accepts(ty) {
        value.to_sql(ty, out)
    } else {
        Err(mismatch(p, ty))
    }
}

impl ToSql for Param {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Param::Null => Ok(IsNull::Yes),
            Param::Bool(b) => write(self, b, ty, out),
            Param::Int(n) if *ty == Type::INT2 => {
                write(self, &i16::try_from(*n).map_err(|_| mismatch(self, ty))?, ty, out)
            }
            Param::Int(n) if *ty == Type::INT4 => {
                write(self, &i32::try_from(*n).map_err(|_| mismatch(self, ty))?, ty, out)
            }
            Param::Int(n) => write(self, n, ty, out),
            Param::Float(x) => write(self, x, ty, out),
            Param::Text(s) if matches!(ty.kind(), Kind::Enum(_)) => {
                out.extend_from_slice(s.as_bytes());
                Ok(IsNull::No)
            }
            Param::Text(s) => write(self, s, ty, out),
            Param::Uuid(u) => write(self, u, ty, out),
            Param::Timestamp(t) => write(self, t, ty, out),
            Param::Date(d) => write(self, d, ty, out),
            Param::Json(j) => write(self, j, ty, out),
            Param::Uuids(us) => write(self, us, ty, out),
            Param::Texts(ss) => write(self, ss, ty, out),
        }
    }

    /// Every type is accepted here and checked in `to_sql`, where the value is known.
    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

#[cfg(test)]
mod tests;
