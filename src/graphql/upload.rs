//! Reading a multipart upload (spooled to a temporary file by the HTTP layer) into memory: the
//! size is checked from the file before anything is read, and the buffer is allocated once at
//! that size, so a file costs its own size in memory and never more.
use crate::error::{ApiError, ApiResult};
use async_graphql::UploadValue;
use std::io::Read;

/// The upload's bytes; BAD_USER_INPUT naming `field` when it is larger than `max` bytes.
pub fn read(value: UploadValue, max: u64, field: &str) -> ApiResult<Vec<u8>> {
    let internal = |e: std::io::Error| ApiError::Internal(anyhow::anyhow!("reading upload {field}: {e}"));
    let size = value.size().map_err(internal)?;
    if size > max {
        return Err(ApiError::bad_input(field, format!("larger than {max} bytes")));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    value
        .into_read()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(internal)?;
    if bytes.len() as u64 > max {
        return Err(ApiError::bad_input(field, format!("larger than {max} bytes")));
    }
    Ok(bytes)
}
