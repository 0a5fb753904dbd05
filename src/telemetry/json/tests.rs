//! Unit tests of `telemetry::json`.
use super::*;
use std::io::Write;
use std::sync::{Arc, Mutex};
use tracing_subscriber::layer::SubscriberExt;

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn every_line_inside_a_request_carries_its_request_id() {
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::registry().with(SpanFields).with(
        tracing_subscriber::fmt::layer()
            .event_format(JsonLines)
            .with_writer(move || writer.clone()),
    );
    tracing::subscriber::with_default(subscriber, || {
        let root = tracing::info_span!("HTTP request", request_id = "r-123", tenant = tracing::field::Empty);
        let _r = root.enter();
        root.record("tenant", "t-9");
        let inner = tracing::info_span!("value", as_of = "2024-01-01");
        let _i = inner.enter();
        tracing::info!(ms = 12u64, "comp model fitted");
    });
    let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    let line: Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(line["request_id"], "r-123");
    assert_eq!(line["tenant"], "t-9");
    assert_eq!(line["message"], "comp model fitted");
    assert_eq!(line["ms"], 12);
    assert_eq!(line["level"], "INFO");
    assert_eq!(line["spans"], serde_json::json!(["HTTP request", "value"]));
}
