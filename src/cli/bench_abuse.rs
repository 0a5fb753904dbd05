//! `reos bench abuse`: the worst work any document within the body limit can cause before a
//! resolver runs. Each generated document (fragment fan-outs, wide aliases, repeated fields,
//! deep nesting, many fragments, huge comments and strings, the graphql-js introspection query)
//! goes through what an authenticated request costs the server before execution: the document
//! guard, then async-graphql's parse and validation with the cost probe. Timings are wall-clock
//! on one thread with no I/O (so CPU time); the median of `runs` repetitions per document, the
//! worst over all documents against the 5 ms target → `artifacts/bench/abuse.json`.
use crate::config::GraphqlSettings;
use crate::graphql::cost::operation_cost;
use crate::graphql::limits::{DocumentLimits, fan_out, prepare};
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct BenchAbuseArgs {
    /// Repetitions per document (the median is reported).
    #[arg(long, default_value_t = 7)]
    pub runs: usize,
    #[arg(long, default_value = "artifacts/bench/abuse.json")]
    pub out: PathBuf,
}

/// Target: the most CPU any document within the body limit may cost before execution.
const TARGET_MS: f64 = 5.0;

/// The documents, each with a name; the largest are sized to the body limit.
fn documents(settings: &GraphqlSettings) -> Vec<(String, String)> {
    let body = settings.max_body_bytes;
    let limit_sized = |unit: &str, wrap: fn(String) -> String| wrap(unit.repeat(body.saturating_sub(64) / unit.len()));
    let nested = |n: usize| format!("{{ {}subject{} }}", "me { ".repeat(n), " }".repeat(n));
    let many_fragments = {
        let mut q = String::from("{ me { ");
        q.push_str(&(0..100).map(|i| format!("...G{i} ")).collect::<String>());
        q.push_str("} }\n");
        for i in 0..100 {
            q.push_str(&format!("fragment G{i} on Me {{ {} }}\n", "subject role ".repeat(4)));
        }
        q
    };
    vec![
        ("fan-out 12 fragments x 8 spreads (issue #12)".into(), fan_out(12, 8)),
        ("fan-out 26 fragments x 2 spreads".into(), fan_out(26, 2)),
        ("fan-out 100 fragments x 3 spreads".into(), fan_out(100, 3)),
        ("fan-out 9 fragments x 2 spreads (accepted)".into(), fan_out(9, 2)),
        (
            "30 aliases (the cap)".into(),
            format!("{{ me {{ {} }} }}", (0..30).map(|i| format!("a{i}: subject ")).collect::<String>()),
        ),
        (
            "5,000 aliases".into(),
            format!("{{ me {{ {} }} }}", (0..5_000).map(|i| format!("a{i}: subject ")).collect::<String>()),
        ),
        ("999 repeated fields (overlap check)".into(), format!("{{ me {{ {}}} }}", "subject ".repeat(999))),
        ("1,999 repeated fields".into(), format!("{{ me {{ {}}} }}", "subject ".repeat(1_999))),
        ("nested 11 (accepted)".into(), nested(11)),
        ("nested 40".into(), nested(40)),
        ("nested to the body limit".into(), limit_sized("me { ", |s| format!("{{ {s} }}"))),
        ("100 fragments of 8 fields".into(), many_fragments),
        ("comment to the body limit".into(), limit_sized("#xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", |s| format!("{s}{{ me {{ subject }} }}"))),
        (
            "string argument to the query size limit".into(),
            format!("{{ owners(name: \"{}\") {{ totalCount }} }}", "x".repeat(settings.max_query_bytes - 40)),
        ),
        (
            "block string to the query size limit".into(),
            format!("{{ owners(name: \"\"\"{}\"\"\") {{ totalCount }} }}", "x\n".repeat(settings.max_query_bytes / 2 - 30)),
        ),
        ("tokens to the body limit".into(), limit_sized("a ", |s| format!("{{ {s} }}"))),
        (
            "graphql-js introspection query".into(),
            include_str!("../graphql/limits/introspection.graphql").to_owned(),
        ),
        (
            "README first query".into(),
            "{ me { subject role tenant { slug } } properties(first: 10, filter: { state: \"IA\" }) { totalCount \
             pageInfo { hasNextPage endCursor } edges { node { name propertyType listPrice address { line1 city state } \
             owners { sharePct owner { name } } leases { tenantName start end rentPsf recovery } latestValuation { model value createdAt } } } } }"
                .into(),
        ),
    ]
}

/// Where the numbers were taken: cores, CPU model, load, build profile.
fn machine() -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|t| {
        t.lines().find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
    });
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    serde_json::json!({
        "nproc": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "cpu_model": cpu,
        "load_average": load,
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
    })
}

pub async fn run(args: &BenchAbuseArgs) -> anyhow::Result<()> {
    let settings = GraphqlSettings::default();
    let limits = DocumentLimits::from(&settings);
    let pipeline = crate::services::property_import::PipelineConfig::builtin()?;
    let schema = crate::graphql::build_schema(&settings, pipeline, Default::default(), None);
    let mut rows = Vec::new();
    let mut worst = (0.0f64, String::new());
    for (name, doc) in documents(&settings) {
        let mut times = Vec::with_capacity(args.runs.max(1));
        let mut outcome = String::new();
        for _ in 0..args.runs.max(1) {
            let started = Instant::now();
            let mut request = async_graphql::Request::new(doc.clone());
            outcome = match prepare(&limits, &mut request) {
                Err(refusal) => refusal.code().to_owned(),
                Ok(_) => format!("validated (cost {})", operation_cost(&schema, &mut request).await),
            };
            times.push(started.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        if median > worst.0 {
            worst = (median, name.clone());
        }
        println!("{median:>9.3} ms  {:>9} B  {outcome:<24} {name}", doc.len());
        rows.push(serde_json::json!({
            "document": name,
            "bytes": doc.len(),
            "outcome": outcome,
            "median_ms": median,
            "max_ms": times.last().copied().unwrap_or_default(),
        }));
    }
    // Not a document cost but paid before the guard sees one: decoding a JSON body of the largest
    // size accepted (an import's inline CSV travels this way).
    let big_body = serde_json::json!({ "query": "{ me { subject } }", "variables": { "csv": "x".repeat(settings.max_body_bytes - 100) } })
        .to_string();
    let mut decode = Vec::new();
    for _ in 0..args.runs.max(1) {
        let started = Instant::now();
        let _parsed: serde_json::Value = serde_json::from_str(&big_body)?;
        decode.push(started.elapsed().as_secs_f64() * 1e3);
    }
    decode.sort_by(f64::total_cmp);
    let decode_ms = decode[decode.len() / 2];
    println!(
        "{decode_ms:>9.3} ms  {:>9} B  JSON body decode (before the guard; not a document)",
        big_body.len()
    );
    let report = serde_json::json!({
        "body_decode_ms": decode_ms,
        "body_decode_note": "decoding a JSON body at max_body_bytes (authenticated requests only; linear in bytes)",
        "what": "work before execution for an authenticated request: document guard, then parse + validation \
                 with the cost probe; wall-clock on one thread without I/O (= CPU time), median of runs",
        "runs": args.runs,
        "target_ms": TARGET_MS,
        "worst_ms": worst.0,
        "worst_document": worst.1,
        "meets_target": worst.0 <= TARGET_MS,
        "limits": {
            "max_body_bytes": settings.max_body_bytes,
            "max_query_bytes": settings.max_query_bytes,
            "max_tokens": settings.max_tokens,
            "max_nodes": settings.max_nodes,
            "max_fragments": settings.max_fragments,
        },
        "documents": rows,
        "machine": machine(),
    });
    super::common::write_json(&args.out, &report)?;
    println!(
        "worst {:.3} ms ({}); target {TARGET_MS} ms → {}",
        worst.0,
        worst.1,
        args.out.display()
    );
    Ok(())
}
