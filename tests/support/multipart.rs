//! Builds a GraphQL multipart request (the spec's `operations`, `map`, then one part per file).
use serde_json::{Value, json};

/// One file of a multipart request: client file name, client content type, bytes.
pub type File<'a> = (&'a str, &'a str, &'a [u8]);

/// A GraphQL multipart request (spec: `operations`, `map`, then one part per file) whose
/// `variables.i.files` holds the files.
pub fn multipart(query: &str, input: Value, files: &[File]) -> (String, Vec<u8>) {
    let boundary = "reos-doc-boundary-7f3a";
    let mut input = input;
    input["files"] = Value::Array(vec![Value::Null; files.len()]);
    let operations = json!({"query": query, "variables": {"i": input}}).to_string();
    let map: serde_json::Map<String, Value> = (0..files.len())
        .map(|n| (n.to_string(), json!([format!("variables.i.files.{n}")])))
        .collect();
    let mut body = Vec::new();
    let mut part = |headers: String, content: &[u8]| {
        body.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"operations\"".into(),
        operations.as_bytes(),
    );
    part(
        "Content-Disposition: form-data; name=\"map\"".into(),
        Value::Object(map).to_string().as_bytes(),
    );
    for (n, (name, ctype, bytes)) in files.iter().enumerate() {
        part(
            format!("Content-Disposition: form-data; name=\"{n}\"; filename=\"{name}\"\r\nContent-Type: {ctype}"),
            bytes,
        );
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
