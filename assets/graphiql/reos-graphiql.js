// reos's GraphiQL page script (served by src/http/graphiql.rs, like the vendored bundles beside it):
// reads the page's JSON settings, puts the development token into the Headers tab and renders
// GraphiQL against this endpoint, with subscriptions over a WebSocket on the same path.
(function () {
  "use strict";
  var settings = {};
  var element = document.getElementById("reos-graphiql-settings");
  try {
    settings = JSON.parse((element && element.textContent) || "{}");
  } catch (e) {
    console.error("reos: unreadable GraphiQL settings", e);
  }
  // Radix dialogs add a <style> element; the page's Content-Security-Policy admits it by nonce.
  if (settings.nonce) {
    window.__webpack_nonce__ = settings.nonce;
  }
  var headers = settings.authorization
    ? JSON.stringify({ Authorization: settings.authorization }, null, 2)
    : "";

  // The page is served at the GraphQL endpoint itself (GET /graphql), so this works behind a
  // proxy that mounts reos under a path prefix too.
  var endpoint = window.location.pathname;
  var socket = (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + endpoint;
  // The fetcher sends the Headers tab with every request and, for a subscription, in the
  // WebSocket's connection_init payload, where reos reads the token.
  var fetcher = GraphiQL.createFetcher({ url: endpoint, subscriptionUrl: socket });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultHeaders: headers,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: "headers",
    })
  );
})();
