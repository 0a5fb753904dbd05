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

/// Largest file an import mutation accepts as an upload.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// An import mutation's file: its text (`input.csv`) or the same file uploaded (`input.file`),
/// exactly one of the two; an upload above 64 MiB is refused naming `input.file`.
pub fn text_or_file(
    ctx: &async_graphql::Context<'_>,
    text: Option<String>,
    file: Option<async_graphql::Upload>,
) -> ApiResult<Vec<u8>> {
    match (text, file) {
        (Some(text), None) => Ok(text.into_bytes()),
        (None, Some(upload)) => {
            let value = upload
                .value(ctx)
                .map_err(|_| ApiError::bad_input("input.file", "no such upload in this request"))?;
            let mut bytes = Vec::new();
            value
                .into_read()
                .take(MAX_IMPORT_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("reading upload: {e}")))?;
            if bytes.len() as u64 > MAX_IMPORT_BYTES {
                return Err(ApiError::bad_input("input.file", "larger than 64 MiB"));
            }
            Ok(bytes)
        }
        _ => Err(ApiError::bad_input("input", "give exactly one of csv and file")),
    }
}

/// An import mutation's required upload (`input.file`): the client's file name (which tells the
/// format) and the bytes; an upload above 64 MiB is refused naming `input.file`.
pub fn named_file(ctx: &async_graphql::Context<'_>, upload: &async_graphql::Upload) -> ApiResult<(String, Vec<u8>)> {
    let value = upload
        .value(ctx)
        .map_err(|_| ApiError::bad_input("input.file", "no such upload in this request"))?;
    let name = value.filename.clone();
    Ok((name, read(value, MAX_IMPORT_BYTES, "input.file")?))
}

/// An import file the gate refused, as BAD_USER_INPUT naming the first problem's row and column
/// (`input.csv[row 12].sale_price`, `input.csv[header].market`); `extensions.report` carries the
/// whole report.
pub fn refused_file(
    problems: &[impl crate::services::import_gate::Problem],
    report: &impl serde::Serialize,
) -> async_graphql::Error {
    use async_graphql::ErrorExtensions;
    let Some(first) = problems.first() else {
        return crate::error::ApiError::bad_input("input.csv", "the file was refused").extend();
    };
    let place = match first.row() {
        Some(row) => format!("input.csv[row {row}].{}", first.field()),
        None => format!("input.csv[header].{}", first.field()),
    };
    let message = format!(
        "`{}` {} ({} problem(s) in total; nothing was imported)",
        first.value(),
        first.rule(),
        problems.len()
    );
    let full = serde_json::to_value(report).unwrap_or_default();
    crate::error::ApiError::bad_input(place, message)
        .extend()
        .extend_with(|_, e| e.set("report", async_graphql::Value::from_json(full).unwrap_or_default()))
}
