//! Relay pagination arguments → offset and limit, with the configured page-size cap enforced
//! (an oversized `first` is refused, never silently clamped) and cursors checked: a cursor that
//! does not decode to a position the database can seek to is BAD_USER_INPUT naming `after`.
use crate::config::GraphqlSettings;
use crate::error::{ApiError, ApiResult};
use async_graphql::connection::{CursorType, OpaqueCursor};

/// Offset cursor: position of the edge in the ordered result.
pub type Cursor = OpaqueCursor<u64>;

/// Largest offset a page may start at: the databases take offsets as signed 64-bit integers.
pub const MAX_OFFSET: u64 = i64::MAX as u64;

/// The offset after the edge whose cursor is `after`.
fn offset_after(after: &str) -> ApiResult<u64> {
    let refused = || ApiError::bad_input("after", "not a cursor of this list");
    let position = Cursor::decode_cursor(after).map_err(|_| refused())?.0;
    position.checked_add(1).filter(|o| *o <= MAX_OFFSET).ok_or_else(refused)
}

/// A page request.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

/// Validates `first`/`after` against the limits.
pub fn page(limits: &GraphqlSettings, first: Option<i32>, after: Option<&str>) -> ApiResult<Page> {
    let limit = match first {
        None => limits.default_page_size,
        Some(n) if n < 0 => return Err(ApiError::bad_input("first", "must not be negative")),
        Some(n) if n as u64 > limits.max_page_size => {
            return Err(ApiError::bad_input(
                "first",
                format!("must be at most {}", limits.max_page_size),
            ));
        }
        Some(n) => n as u64,
    };
    let offset = match after {
        None => 0,
        Some(c) => offset_after(c)?,
    };
    Ok(Page { offset, limit })
}

#[cfg(test)]
mod tests;

/// Extra fields of every connection.
#[derive(async_graphql::SimpleObject)]
pub struct CountedConnection {
    /// Number of items matching the filter, across all pages.
    pub total_count: u64,
}

/// A connection page of `rows` starting at `p.offset`, out of `total`.
pub fn connection<T, N: async_graphql::OutputType>(
    p: Page,
    total: u64,
    rows: Vec<T>,
    node: impl Fn(T) -> N,
) -> async_graphql::connection::Connection<Cursor, N, CountedConnection> {
    use async_graphql::connection::{Connection, Edge};
    let mut conn = Connection::with_additional_fields(
        p.offset > 0,
        p.offset.saturating_add(rows.len() as u64) < total,
        CountedConnection { total_count: total },
    );
    conn.edges.extend(
        rows.into_iter()
            .enumerate()
            .map(|(i, m)| Edge::new(OpaqueCursor(p.offset.saturating_add(i as u64)), node(m))),
    );
    conn
}
