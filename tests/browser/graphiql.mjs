// GraphiQL in a real browser, offline: Debian's Chromium (headless, driven by playwright-core, no
// browser download) opens reos's GraphiQL while every request to another origin is aborted and
// recorded. Checks that the editor loads, the Headers tab holds the development token (and that
// what an analyst types there is what is sent), the Docs explorer lists the Query root type, a
// subscription runs over the WebSocket, and the README's first query returns the demo data;
// saves a screenshot, then checks that a reload keeps the token in the Headers tab.
//
//   node graphiql.mjs BASE_URL SCREENSHOT.png
//
// Environment: REOS_README (the README whose first ```graphql block is run), REOS_EXPECT_AUTH (the
// Authorization value the Headers tab must hold), REOS_CHROMIUM (default /usr/bin/chromium).
// Prints one line `graphiql browser: {json}`; exits 1 when a check fails.
import { launch } from "./chromium.mjs";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error("usage: node graphiql.mjs BASE_URL SCREENSHOT.png");
  process.exit(2);
}
const origin = new URL(base).origin;
const readme = readFileSync(process.env.REOS_README ?? "README.md", "utf8");
const firstQuery = /```graphql\n([\s\S]*?)```/.exec(readme)?.[1];
const expectAuth = process.env.REOS_EXPECT_AUTH ?? "";

const outside = []; // requests to any other origin (aborted)
const problems = []; // uncaught page errors, console errors (CSP violations among them), failed loads
const socketFrames = []; // message types the server sent on the page's WebSocket
const summary = { origin, checks: {} };

function check(name, ok, detail) {
  summary.checks[name] = ok ? "ok" : `FAILED: ${detail}`;
  if (!ok) throw new Error(`${name}: ${detail}`);
}

/** The text of the shown CodeMirror 5 editor inside `selector` (GraphiQL 3 hides the others with `.hidden`). */
function editorText(page, selector) {
  return page.evaluate((sel) => {
    const el = [...document.querySelectorAll(`${sel} .CodeMirror`)].find((e) => !e.closest(".hidden"));
    return el && el.CodeMirror ? el.CodeMirror.getValue() : "";
  }, selector);
}

/** Replaces the text of the visible CodeMirror editor inside `selector`. */
async function setEditorText(page, selector, text) {
  await page.evaluate(
    ([sel, t]) => {
      const el = [...document.querySelectorAll(`${sel} .CodeMirror`)].find((e) => !e.closest(".hidden"));
      el.CodeMirror.setValue(t);
    },
    [selector, text],
  );
}

/** The Headers tab's text, opening the tab first. */
async function headersTab(page) {
  const tab = page.getByRole("button", { name: "Headers" });
  await tab.waitFor({ timeout: 10_000 });
  await tab.click();
  // GraphiQL loads its editors asynchronously.
  await page.waitForFunction(
    () => [...document.querySelectorAll(".graphiql-editor-tool .CodeMirror")].some((e) => !e.closest(".hidden")),
    null,
    { timeout: 10_000 },
  );
  return editorText(page, ".graphiql-editor-tool");
}

/** Sets the query editor's text and presses the run button (it also stops a subscription). */
async function run(page, query) {
  await setEditorText(page, ".graphiql-query-editor", query);
  // GraphiQL parses the editor's text a moment after a change, and picks HTTP or the WebSocket
  // by the parsed operation's type: run once it has caught up, as a person would.
  await page.waitForTimeout(500);
  await page.locator(".graphiql-execute-button").click();
}

/** Waits until the result pane's text contains `needle`; the text. */
async function resultWith(page, needle) {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector(".graphiql-response .CodeMirror");
      return !!el && !!el.CodeMirror && el.CodeMirror.getValue().includes(n);
    },
    needle,
    { timeout: 30_000 },
  );
  return editorText(page, ".graphiql-response");
}

/** POSTs an operation outside the browser; the JSON answer. */
async function post(authorization, query, variables = {}) {
  const res = await fetch(`${origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

async function openGraphiQL(page) {
  const response = await page.goto(`${origin}/graphql`, { waitUntil: "load" });
  check("page", response?.status() === 200, `GET /graphql answered ${response?.status()}`);
  await page.locator(".graphiql-query-editor .CodeMirror").waitFor({ timeout: 30_000 });
  check("editor", true);
}

/** The Authorization header in the Headers tab (checked against REOS_EXPECT_AUTH when set). */
async function checkHeadersTab(page, name) {
  const text = await headersTab(page);
  let headers = {};
  try {
    headers = JSON.parse(text || "{}");
  } catch {
    // Reported by the check below.
  }
  const ok = expectAuth ? headers.Authorization === expectAuth : "Authorization" in headers;
  check(name, ok, `the Headers tab holds ${JSON.stringify(text.slice(0, 60))}…, not the development token`);
  return headers.Authorization;
}

const profile = mkdtempSync(join(tmpdir(), "reos-chromium-"));
let context;
let failed = null;
try {
  if (!firstQuery) throw new Error("README has no ```graphql block");
  context = await launch(profile, 1440);
  // Offline: only the server's own origin answers; anything else is recorded and aborted.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort("internetdisconnected");
  });
  await context.routeWebSocket(/.*/, (ws) => {
    if (new URL(ws.url()).host !== new URL(origin).host) {
      outside.push(ws.url());
      return ws.close();
    }
    const server = ws.connectToServer();
    server.onMessage((message) => {
      socketFrames.push(JSON.parse(String(message)).type);
      ws.send(message);
    });
  });
  // A Content-Security-Policy violation would mean part of GraphiQL is silently broken.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // Chromium logs each non-2xx answer; GraphQL answers are checked in the result pane instead.
    const answer = m.text().startsWith("Failed to load resource") && m.location().url === `${origin}/graphql`;
    if (m.type() === "error" && !answer && !m.location().url.endsWith("/favicon.ico")) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on("response", (r) => {
    // GraphQL answers are checked in the result pane; the page and its files must all load.
    const get = r.request().method() === "GET" && !r.url().endsWith("/favicon.ico");
    if (get && r.url().startsWith(origin) && r.status() >= 400) {
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });

  await openGraphiQL(page);
  // The Headers tab is open and holds the development token.
  const authorization = await checkHeadersTab(page, "headers tab");

  // The Docs explorer lists the Query root type (needs the introspection query to succeed), and
  // following it shows the query fields.
  await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
  const explorer = page.locator(".graphiql-doc-explorer");
  await explorer.waitFor({ timeout: 10_000 });
  const queryRoot = explorer
    .locator("div", { has: page.locator(".graphiql-doc-explorer-root-type", { hasText: /^query$/ }) })
    .locator(".graphiql-doc-explorer-type-name");
  try {
    await queryRoot.first().waitFor({ timeout: 30_000 });
  } catch {
    const text = (await explorer.innerText()).slice(0, 300);
    check("docs explorer", false, `no query root type listed; the explorer shows: ${JSON.stringify(text)}`);
  }
  summary.queryType = await queryRoot.first().innerText();
  check("docs explorer", /^Query/.test(summary.queryType), `the query root type is ${summary.queryType}`);
  await queryRoot.first().click();
  const fields = explorer.locator(".graphiql-doc-explorer-field-name");
  await fields.filter({ hasText: /^properties$/ }).first().waitFor({ timeout: 10_000 });
  summary.queryFields = await fields.count();
  check("docs explorer lists the query fields", summary.queryFields > 5, `${summary.queryFields} fields`);

  // What is in the Headers tab is what is sent: another token there is refused.
  await setEditorText(page, ".graphiql-editor-tool", JSON.stringify({ Authorization: "Bearer not-a-token" }));
  await run(page, "{ me { role } }");
  const refused = await resultWith(page, "UNAUTHENTICATED");
  check("an edited Headers tab is sent", refused.includes('"errors"'), refused.slice(0, 200));
  await setEditorText(page, ".graphiql-editor-tool", JSON.stringify({ Authorization: authorization }, null, 2));

  // A subscription runs over the WebSocket on /graphql, authenticated by the Headers tab's token
  // (GraphiQL sends the tab in connection_init): a valuation saved over HTTP shows up in the
  // result pane. The seeded multifamily property has a unit mix, so a DCF needs only assumptions.
  const listed = await post(authorization, "{ properties(first: 10) { edges { node { id name } } } }");
  const apartments = listed.data?.properties?.edges?.find((e) => e.node.name === "East Riverside Apartments");
  const property = apartments?.node.id;
  check("demo property", !!property, JSON.stringify(listed));
  await run(
    page,
    `subscription { valuationCompleted(propertyId: "${property}") { propertyId valuation { model value } } }`,
  );
  let event = "";
  // Until the subscription is registered on the server a save has no subscriber: save again.
  for (let attempt = 0; attempt < 20 && !event.includes("valuationCompleted"); attempt++) {
    const saved = await post(
      authorization,
      `mutation($p: ID!) { savePropertyDcf(propertyId: $p, assumptions: { analysisStart: "2026-01", holdYears: 5,
        discountRate: 0.08, exitCapRate: 0.06, sellingCostPct: 0.02, marketRentGrowth: 0.03, expenseGrowth: 0.03 })
        { valuation { id } } }`,
      { p: property },
    );
    check("a valuation is saved", !saved.errors, JSON.stringify(saved.errors));
    await page.waitForTimeout(500);
    event = await editorText(page, ".graphiql-response");
  }
  summary.subscriptionFrames = socketFrames;
  check("subscription event", event.includes('"model": "dcf"'), `result pane: ${event.slice(0, 300)}`);
  await page.locator(".graphiql-execute-button").click(); // stops the subscription

  // The README's first query, set in the editor and run with the Headers tab's token.
  await run(page, firstQuery);
  const resultText = await resultWith(page, '"me"');
  let result = {};
  try {
    result = JSON.parse(resultText);
  } catch {
    check("result", false, `the result pane is not JSON: ${resultText.slice(0, 300)}`);
  }
  check("result has no errors", !result.errors, JSON.stringify(result.errors));
  const names = (result.data?.properties?.edges ?? []).map((e) => e.node.name);
  summary.me = result.data?.me;
  summary.properties = names;
  check("result has me", result.data?.me?.tenant?.slug === "demo", JSON.stringify(result.data?.me));
  check("result has the seeded Iowa properties", names.includes("Gilbert House"), JSON.stringify(names));

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  summary.screenshot = screenshot;

  // Headers are not persisted, but a reload (tabs restored from localStorage) shows the token again.
  await openGraphiQL(page);
  await checkHeadersTab(page, "headers tab after a reload");
  // GraphiQL's dialogs add a <style> element, admitted by the page's CSP nonce (a violation
  // would show up as a console error).
  await page.getByRole("button", { name: "Open settings dialog" }).click();
  await page.getByRole("dialog").waitFor({ timeout: 10_000 });
  await page.keyboard.press("Escape");
  check("settings dialog", true);

  check("no request left this origin", outside.length === 0, outside.join(", "));
  check("no page error, CSP violation or failed load", problems.length === 0, problems.join(" | "));
} catch (e) {
  failed = e;
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
summary.outside = outside;
summary.problems = problems;
summary.ok = failed === null;
if (failed) summary.error = String(failed.message ?? failed);
console.log(`graphiql browser: ${JSON.stringify(summary)}`);
process.exit(failed ? 1 : 0);
