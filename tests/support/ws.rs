//! GraphQL over WebSocket (graphql-transport-ws) as a client speaks it.
use futures_util::SinkExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Error, Message};

pub type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A socket to `base_url`'s `/graphql` (http → ws) asking for graphql-transport-ws, and the
/// subprotocol the server chose.
pub async fn connect(base_url: &str) -> Result<(Socket, Option<String>), Error> {
    let mut req = (base_url.replace("http://", "ws://") + "/graphql").into_client_request()?;
    req.headers_mut()
        .insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
    let (ws, resp) = tokio_tungstenite::connect_async(req).await?;
    let chosen = resp
        .headers()
        .get("sec-websocket-protocol")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Ok((ws, chosen))
}

/// Sends one protocol message.
pub async fn send(ws: &mut Socket, msg: Value) -> Result<(), Error> {
    ws.send(Message::text(msg.to_string())).await
}

/// Sends `connection_init` with `token` as a bearer.
pub async fn init(ws: &mut Socket, token: &str) -> Result<(), Error> {
    send(
        ws,
        json!({"type": "connection_init", "payload": {"Authorization": format!("Bearer {token}")}}),
    )
    .await
}
