//! GraphiQL from the binary, no external URL: `GET /graphql` (a browser, no `query` parameter) is
//! a small page loading GraphiQL 3, React 18 and our page script from `GET /graphiql/{file}`
//! (vendored in `assets/graphiql/`, content-hashed names, cached for a year). With development
//! auth the Headers tab starts with the development token; the page's Content-Security-Policy
//! allows nothing but this origin (and its WebSocket for subscriptions).
use super::state::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::LazyLock;

/// One file served under `/graphiql/`.
struct Asset {
    /// `stem.ext` of the served name (`stem.HASH.ext`).
    stem: &'static str,
    ext: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! vendored {
    ($path:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/graphiql/", $path))
    };
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// In the order the page loads them.
static FILES: [Asset; 6] = [
    Asset {
        stem: "graphiql.min",
        ext: "css",
        content_type: CSS,
        bytes: vendored!("graphiql/graphiql.min.css"),
    },
    Asset {
        stem: "reos-graphiql",
        ext: "css",
        content_type: CSS,
        bytes: vendored!("reos-graphiql.css"),
    },
    Asset {
        stem: "react.production.min",
        ext: "js",
        content_type: JS,
        bytes: vendored!("react/react.production.min.js"),
    },
    Asset {
        stem: "react-dom.production.min",
        ext: "js",
        content_type: JS,
        bytes: vendored!("react-dom/react-dom.production.min.js"),
    },
    Asset {
        stem: "graphiql.min",
        ext: "js",
        content_type: JS,
        bytes: vendored!("graphiql/graphiql.min.js"),
    },
    Asset {
        stem: "reos-graphiql",
        ext: "js",
        content_type: JS,
        bytes: vendored!("reos-graphiql.js"),
    },
];

/// The served name of each file in `FILES`: `stem.` + 16 hex digits of its SHA-256 + `.ext`.
static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|a| {
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, a.bytes);
            let hash: String = digest.as_ref()[..8].iter().map(|b| format!("{b:02x}")).collect();
            format!("{}.{hash}.{}", a.stem, a.ext)
        })
        .collect()
});

/// `GET /graphiql/{file}`: a vendored file under its content-hashed name, cached for good; 404
/// for any other name.
pub async fn asset(file: web::Path<String>) -> HttpResponse {
    match NAMES.iter().position(|n| *n == *file) {
        Some(i) => HttpResponse::Ok()
            .content_type(FILES[i].content_type)
            .insert_header((CACHE_CONTROL, "public, max-age=31536000, immutable"))
            .insert_header((X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .body(web::Bytes::from_static(FILES[i].bytes)),
        None => HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("no such GraphiQL file"),
    }
}

/// `GET /graphql` without a `query` parameter: the GraphiQL page.
pub async fn page(state: web::Data<AppState>, http: HttpRequest) -> HttpResponse {
    let nonce = nonce();
    let settings = serde_json::json!({
        "authorization": state.graphiql_token.as_ref().map(|t| format!("Bearer {t}")),
        "nonce": nonce,
    });
    let host = http.connection_info().host().to_owned();
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((CONTENT_SECURITY_POLICY, csp(&host, nonce.as_deref())))
        // The page may carry a token: never stored, never sent on as a referrer.
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((REFERRER_POLICY, "no-referrer"))
        .insert_header((X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(html(&script_json(&settings)))
}

fn html(settings: &str) -> String {
    let names = &*NAMES;
    let mut links = String::new();
    let mut scripts = String::new();
    for (a, name) in FILES.iter().zip(names) {
        match a.ext {
            "css" => links.push_str(&format!("<link rel=\"stylesheet\" href=\"graphiql/{name}\">\n")),
            _ => scripts.push_str(&format!("<script src=\"graphiql/{name}\"></script>\n")),
        }
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>reos GraphiQL</title>\n{links}</head>\n<body>\n<div id=\"graphiql\">Loading GraphiQL…</div>\n\
         <script type=\"application/json\" id=\"reos-graphiql-settings\">{settings}</script>\n{scripts}</body>\n</html>\n"
    )
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&` are written as `\u003c`
/// etc., so no value can close the element or open a comment.
fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Only this origin: scripts and styles from `/graphiql/` (plus the `<style>` GraphiQL's dialogs
/// add, by nonce), fonts and icons as `data:` URLs from its stylesheet, requests to this server
/// and its WebSocket. `host` goes into the policy only when it looks like a host name.
fn csp(host: &str, nonce: Option<&str>) -> String {
    let plain_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    let sockets = if plain_host {
        format!(" ws://{host} wss://{host}")
    } else {
        String::new()
    };
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self'{nonce}; \
         img-src 'self' data:; font-src 'self' data:; connect-src 'self'{sockets}; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

/// 128 random bits, base64url: a fresh CSP nonce for each page (None, and no inline style at
/// all, if the system has no random bytes).
fn nonce() -> Option<String> {
    use base64::Engine;
    let mut bytes = [0u8; 16];
    if let Err(e) = aws_lc_rs::rand::fill(&mut bytes) {
        tracing::warn!(error = %e, "no random bytes for the GraphiQL CSP nonce; its dialogs stay unstyled");
        return None;
    }
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
