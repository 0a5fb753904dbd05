//! The actix-web layer: routes, shared state, and the GraphQL handler that authenticates, opens the
//! tenant transaction and commits it only when the operation had no error.
pub mod authn;
pub mod cache_headers;
pub mod compression;
pub mod cors;
pub mod documents;
pub mod error_body;
pub mod graphiql;
pub mod graphql;
pub mod graphql_body;
pub mod health;
pub mod metrics;
pub mod negotiation;
pub mod rate_limit;
pub mod request_error;
pub mod request_id;
pub mod request_log;
pub mod response_cache;
pub mod sentry;
pub mod state;
pub mod token_cache;
pub mod ws;

use actix_web::web;

/// Mounts every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    let edge = || actix_web::middleware::from_fn(rate_limit::pre_auth);
    cfg.route("/graphql", web::post().to(graphql::execute).wrap(edge()))
        .route("/graphql", ws::route())
        .route(
            "/graphql",
            web::get()
                .guard(actix_web::guard::fn_guard(graphql_body::has_query_param))
                .to(graphql::execute)
                .wrap(edge()),
        )
        .route("/graphql", web::get().to(graphiql::page))
        .route("/graphiql/{file}", web::get().to(graphiql::asset))
        .route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/documents/{id}", web::get().to(documents::download));
}
