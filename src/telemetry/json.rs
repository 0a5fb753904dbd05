//! JSON lines for `log_format = "json"`: one object per event with `timestamp`, `level`,
//! `target`, `message`, the event's fields, the fields of the spans it happened in (inner spans
//! win) — so every line logged while serving a request has a top-level `request_id` — and
//! `spans`, the span names from the root.
use serde_json::{Map, Value};
use std::fmt;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Record};
use tracing::{Event, Id, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

/// A span's fields as JSON, kept in the span's extensions by [`SpanFields`].
struct Fields(Map<String, Value>);

struct Visitor<'a>(&'a mut Map<String, Value>);

impl Visit for Visitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().into(), format!("{value:?}").into());
    }
}

/// Layer that remembers every span's fields (including those recorded later, such as `tenant`).
pub struct SpanFields;

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for SpanFields {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut map = Map::new();
        attrs.record(&mut Visitor(&mut map));
        span.extensions_mut().insert(Fields(map));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut ext = span.extensions_mut();
        if let Some(Fields(map)) = ext.get_mut::<Fields>() {
            values.record(&mut Visitor(map));
        }
    }
}

/// Event formatter writing one JSON object per line.
pub struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> fmt::Result {
        let meta = event.metadata();
        let mut line = Map::new();
        line.insert(
            "timestamp".into(),
            chrono::Utc::now()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
                .into(),
        );
        line.insert("level".into(), meta.level().as_str().into());
        line.insert("target".into(), meta.target().into());
        let mut fields = Map::new();
        event.record(&mut Visitor(&mut fields));
        let mut names = Vec::new();
        if let Some(scope) = ctx.event_scope() {
            // From the innermost span out: a field already present (from the event or an inner
            // span) is not overwritten.
            for span in scope {
                names.push(Value::from(span.name()));
                if let Some(Fields(map)) = span.extensions().get::<Fields>() {
                    for (k, v) in map {
                        fields.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
            }
        }
        names.reverse();
        line.extend(fields);
        if !names.is_empty() {
            line.insert("spans".into(), Value::Array(names));
        }
        let text = serde_json::to_string(&Value::Object(line)).map_err(|_| fmt::Error)?;
        writeln!(writer, "{text}")
    }
}

#[cfg(test)]
mod tests;
