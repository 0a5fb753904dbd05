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
            Some(slot) => {
                if let Ok(r) = &result {
                    slot.0.store(r.complexity as u64, Ordering::Relaxed);
                }
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

/// One operation's cost; at least 1, so refused and unparsable operations still spend.
pub async fn operation_cost(schema: &ReosSchema, request: &mut Request) -> u64 {
    let doc = match request.parsed_query() {
        Ok(doc) => doc.clone(),
        Err(_) => return 1,
    };
    let slot = Arc::new(AtomicU64::new(0));
    let mut probe = Request::new("")
        .variables(request.variables.clone())
        .data(ProbeSlot(slot.clone()));
    probe.operation_name = request.operation_name.clone();
    probe.set_parsed_query(doc);
    let _ = schema.execute(probe).await;
    slot.load(Ordering::Relaxed).max(1)
}

/// The cost of every operation in the request, summed (a batch cannot split its cost).
pub async fn request_cost(schema: &ReosSchema, batch: &mut BatchRequest) -> u64 {
    let mut total = 0u64;
    for request in batch.iter_mut() {
        total = total.saturating_add(operation_cost(schema, request).await);
    }
    total
}

#[cfg(test)]
mod tests;
