//! The actix-web layer: routes, shared state, and the GraphQL handler that authenticates, opens the
//! tenant transaction and commits it only when the operation had no error.
pub mod documents;
pub mod graphql;
pub mod health;
pub mod state;
pub mod token_cache;

use actix_web::web;

/// Mounts every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql::execute))
        .route("/graphql", web::get().to(graphql::graphiql))
        .route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/documents/{id}", web::get().to(documents::download));
}
