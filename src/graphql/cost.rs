//! A request's cost: the sum over its operations of async-graphql's own complexity (the number
//! `limit_complexity` checks; aliases count, a connection multiplies by `first`). It is found
//! before anything runs by a probe: the operation goes through the schema's parse and validation
//! with a [`ProbeSlot`] attached, and the [`CostProbe`] extension records the `ValidationResult`
//! and stops there. The real request keeps its parsed document, so it is parsed only once.
use crate::graphql::ReosSchema;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextValidation};
use async_graphql::{BatchRequest, Request, ServerError, ValidationResult};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Marks a probe and receives its complexity.
pub struct ProbeSlot(Arc<AtomicU64>);

/// Message of the error that ends a probe; never sent to a client.
const PROBE_DONE: &str = "cost probe: validation done";

/// Extension factory; registered on the schema.
pub struct CostProbe;

impl ExtensionFactory for CostProbe {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(CostProbe)
    }
}

#[async_trait::async_trait]
impl Extension for CostProbe {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await;
        match ctx.data_opt::<ProbeSlot>() {
            // A probe never executes: it ends here with its validation errors, or with
            // PROBE_DONE when there were none.
            Some(slot) => {
                let r = result?;
                slot.0.store(r.complexity as u64, Ordering::Relaxed);
                Err(vec![ServerError::new(PROBE_DONE, None)])
            }
            None => result,
        }
    }
}

/// Whether `ctx` belongs to a probe (metrics skip probes).
pub fn is_probe(ctx: &ExtensionContext<'_>) -> bool {
    ctx.data_opt::<ProbeSlot>().is_some()
}

/// What the probe found of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// At least 1, so refused and unparsable operations still spend.
    pub cost: u64,
    /// The document guard, the input limits and validation passed (the probe stops before the
    /// work limit: the caller holds `cost` against the role's cap).
    pub passed: bool,
}

/// Probes one operation.
pub async fn operation_check(schema: &ReosSchema, request: &mut Request) -> Checked {
    let doc = match request.parsed_query() {
        Ok(doc) => doc.clone(),
        Err(_) => return Checked { cost: 1, passed: false },
    };
    let slot = Arc::new(AtomicU64::new(0));
    let mut probe = Request::new("")
        .variables(request.variables.clone())
        .data(ProbeSlot(slot.clone()));
    probe.operation_name = request.operation_name.clone();
    probe.set_parsed_query(doc);
    let resp = schema.execute(probe).await;
    Checked {
        cost: slot.load(Ordering::Relaxed).max(1),
        passed: resp.errors.len() == 1 && resp.errors[0].message == PROBE_DONE,
    }
}

/// One operation's cost; at least 1, so refused and unparsable operations still spend.
pub async fn operation_cost(schema: &ReosSchema, request: &mut Request) -> u64 {
    operation_check(schema, request).await.cost
}

/// The cost of every operation in the request, summed (a batch cannot split its cost).
pub async fn request_cost(schema: &ReosSchema, batch: &mut BatchRequest) -> u64 {
    let mut total = 0u64;
    for request in batch.iter_mut() {
        total = total.saturating_add(operation_cost(schema, request).await);
    }
    total
}

/// Probe results of operations that passed, by their exact text, operation name and variables
/// (all a probe depends on: the schema does not change while the server runs), so a repeated
/// operation is not validated again. Size-bounded by the bytes of its keys.
pub struct CheckCache {
    passed: quick_cache::sync::Cache<String, u64, KeyBytes>,
}

#[derive(Clone)]
struct KeyBytes;

impl quick_cache::Weighter<String, u64> for KeyBytes {
    fn weight(&self, key: &String, _: &u64) -> u64 {
        key.len() as u64 + 64
    }
}

impl CheckCache {
    /// A cache holding at most `bytes` of operation text (and variables).
    pub fn new(bytes: u64) -> Self {
        let items = usize::try_from(bytes / 512).unwrap_or(usize::MAX).max(16);
        Self {
            passed: quick_cache::sync::Cache::with_weighter(items, bytes, KeyBytes),
        }
    }

    fn key(request: &Request) -> Option<String> {
        let variables = serde_json::to_string(&request.variables).ok()?;
        let name = request.operation_name.as_deref().unwrap_or_default();
        Some(format!("{}\u{0}{name}\u{0}{variables}", request.query))
    }

    /// The batch's total cost and whether every operation passed the probe, probing only the
    /// operations not already known to pass.
    pub async fn check(&self, schema: &ReosSchema, batch: &mut BatchRequest) -> Checked {
        let mut total = Checked { cost: 0, passed: true };
        for request in batch.iter_mut() {
            let key = Self::key(request);
            let one = match key.as_ref().and_then(|k| self.passed.get(k)) {
                Some(cost) => Checked { cost, passed: true },
                None => {
                    let checked = operation_check(schema, request).await;
                    if let (true, Some(k)) = (checked.passed, key) {
                        self.passed.insert(k, checked.cost);
                    }
                    checked
                }
            };
            total.cost = total.cost.saturating_add(one.cost);
            total.passed &= one.passed;
        }
        total
    }
}

#[cfg(test)]
mod tests;
