// The example web app's logic: sign in with a pasted token, list properties with their latest
// valuation, run a property's DCF. Every query is an automatic persisted query (Apollo's APQ
// protocol): first a GET carrying only the query's SHA-256 (cacheable by the browser and CDNs);
// if reos answers PERSISTED_QUERY_NOT_FOUND, the text goes once by POST with its hash.
"use strict";

const ME = "query Me { me { subject role tenant { slug name } } }";
const PROPERTIES = `query Properties($first: Int!) {
  properties(first: $first) {
    totalCount
    edges { node { id name listPrice address { city state } latestValuation { model value createdAt } } }
  }
}`;
const DCF = `query PropertyDcf($id: ID!) {
  propertyDcf(propertyId: $id) {
    dcfValue npv unleveredIrr leveredIrr goingInCapRate exitCapRate equityMultiple dscrMin
  }
}`;

/** What the page did, for people (the request log) and for the browser test (`window.reosStats`). */
const stats = { byHash: 0, registered: 0, failed: 0 };
window.reosStats = stats;

const $ = (id) => document.getElementById(id);
const money = (v) => (v == null ? "—" : v.toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 }));
const pct = (v) => (v == null ? "—" : `${(v * 100).toFixed(2)}%`);
const ratio = (v) => (v == null ? "—" : `${v.toFixed(2)}×`);

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function log(text, cls) {
  const li = document.createElement("li");
  li.textContent = text;
  if (cls) li.className = cls;
  $("log").prepend(li);
}

class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ""}`).join("; "));
    this.errors = errors;
  }
}

/** Runs a query as a persisted query; resolves to `data`, rejects with the errors or the network failure. */
async function graphql(query, variables = {}) {
  const endpoint = $("endpoint").value.trim();
  const authorization = `Bearer ${sessionStorage.getItem("reos-token") ?? ""}`;
  const name = /query\s+(\w+)/.exec(query)?.[1] ?? "anonymous";
  const extensions = { persistedQuery: { version: 1, sha256Hash: await sha256Hex(query) } };
  const accept = "application/graphql-response+json, application/json;q=0.9";
  const params = new URLSearchParams({ operationName: name, variables: JSON.stringify(variables), extensions: JSON.stringify(extensions) });
  let res;
  try {
    res = await fetch(`${endpoint}?${params}`, { headers: { authorization, accept } });
  } catch (e) {
    stats.failed++;
    log(`GET ${name} by hash: blocked (${e.message}); is this page's origin in reos's cors_origins?`, "error");
    throw e;
  }
  let body = await res.json();
  const notFound = body.errors?.some((e) => e.extensions?.code === "PERSISTED_QUERY_NOT_FOUND");
  if (notFound) {
    log(`GET ${name} by hash ${extensions.persistedQuery.sha256Hash.slice(0, 12)}…: not known yet, sending the text`);
    res = await fetch(endpoint, {
      method: "POST",
      headers: { authorization, accept, "content-type": "application/json" },
      body: JSON.stringify({ query, operationName: name, variables, extensions }),
    });
    body = await res.json();
    stats.registered++;
    log(`POST ${name} with its text: HTTP ${res.status}`, res.ok ? "ok" : "error");
  } else {
    stats.byHash++;
    const cache = res.headers.get("cache-control") ?? "";
    log(`GET ${name} by hash ${extensions.persistedQuery.sha256Hash.slice(0, 12)}…: HTTP ${res.status}${cache ? ` · ${cache}` : ""}`, res.ok ? "ok" : "error");
  }
  if (body.errors?.length) throw new GraphQLError(body.errors);
  return body.data;
}

function status(text, cls = "muted") {
  $("status").textContent = text;
  $("status").className = cls;
}

async function signIn() {
  const token = $("token").value.trim().replace(/^Bearer\s+/i, "");
  if (!token) return status("Paste a token first.", "error");
  sessionStorage.setItem("reos-token", token);
  sessionStorage.setItem("reos-endpoint", $("endpoint").value.trim());
  $("sign-in-button").disabled = true;
  status("Signing in…");
  try {
    const { me } = await graphql(ME);
    $("who").textContent = `${me.subject} · ${me.role.toLowerCase()} · ${me.tenant.name} (${me.tenant.slug})`;
    $("sign-out-button").hidden = false;
    status("Signed in.", "ok");
    await loadProperties();
  } catch (e) {
    sessionStorage.removeItem("reos-token");
    status(`Could not sign in: ${e.message}`, "error");
  } finally {
    $("sign-in-button").disabled = false;
  }
}

function signOut() {
  sessionStorage.removeItem("reos-token");
  $("who").textContent = "Not signed in";
  $("portfolio").hidden = true;
  $("dcf").hidden = true;
  $("sign-out-button").hidden = true;
  status("Signed out.");
}

async function loadProperties() {
  const { properties } = await graphql(PROPERTIES, { first: 50 });
  const rows = properties.edges.map(({ node }) => {
    const tr = document.createElement("tr");
    tr.dataset.id = node.id;
    const v = node.latestValuation;
    const cells = [
      node.name ?? "(unnamed)",
      `${node.address.city}, ${node.address.state}`,
      money(node.listPrice),
      v ? `${v.model} · ${v.createdAt.slice(0, 10)}` : "none yet",
      v ? money(v.value) : "—",
    ];
    cells.forEach((text, i) => {
      const td = document.createElement("td");
      td.textContent = text;
      if (i === 2 || i === 4) td.className = "num";
      tr.append(td);
    });
    const td = document.createElement("td");
    const button = document.createElement("button");
    button.textContent = "Run DCF";
    button.addEventListener("click", () => runDcf(node));
    td.append(button);
    tr.append(td);
    return tr;
  });
  $("properties").replaceChildren(...rows);
  $("count").textContent = `${properties.edges.length} of ${properties.totalCount}`;
  $("portfolio").hidden = false;
}

async function runDcf(node) {
  $("dcf").hidden = false;
  $("dcf-property").textContent = node.name ?? node.id;
  const out = $("dcf-result");
  out.replaceChildren();
  out.className = "muted";
  out.textContent = "Running…";
  try {
    const { propertyDcf: r } = await graphql(DCF, { id: node.id });
    const items = [
      ["DCF value", money(r.dcfValue)],
      ["NPV", money(r.npv)],
      ["Unlevered IRR", pct(r.unleveredIrr)],
      ["Levered IRR", pct(r.leveredIrr)],
      ["Going-in cap", pct(r.goingInCapRate)],
      ["Exit cap", pct(r.exitCapRate)],
      ["Equity multiple", ratio(r.equityMultiple)],
      ["Min DSCR", ratio(r.dscrMin)],
    ];
    out.textContent = "";
    out.className = "";
    for (const [label, value] of items) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value;
      out.append(dt, dd);
    }
    out.dataset.dcfValue = String(r.dcfValue);
  } catch (e) {
    out.className = "error";
    out.textContent = e.message;
  }
}

$("sign-in-button").addEventListener("click", signIn);
$("sign-out-button").addEventListener("click", signOut);
// A reload keeps the session (this tab only: sessionStorage).
const saved = sessionStorage.getItem("reos-endpoint");
if (saved) $("endpoint").value = saved;
if (sessionStorage.getItem("reos-token")) {
  $("token").value = sessionStorage.getItem("reos-token");
  signIn();
}
