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

/// Limits for the multipart parser, checked while the request is read (before any resolver
/// runs): no file above the largest upload any mutation accepts (`importSales` takes 64 MiB)
/// and no body above `max_files` such files. The exact per-file and per-request limits are
/// checked by `uploadDocument` with a clear error.
pub fn multipart_options(docs: &crate::services::documents::Documents) -> async_graphql::http::MultipartOptions {
    const SALES_IMPORT_MAX: usize = 64 * 1024 * 1024;
    let max = usize::try_from(docs.max_bytes)
        .unwrap_or(usize::MAX)
        .max(SALES_IMPORT_MAX);
    async_graphql::http::MultipartOptions::default()
        .max_num_files(docs.max_files)
        .max_file_size(max)
}
