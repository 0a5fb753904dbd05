// examples/web in a real browser, from two origins: Debian's Chromium (headless, driven by
// playwright-core) opens the example page served from an origin on reos's `cors_origins` list,
// signs in with the token, lists the properties, reloads (the queries now go by hash alone over
// GET) and runs a DCF; then opens the same page from an origin not on the list, where the browser
// must refuse to let the page read reos's answers. Screenshots of both.
//
//   node web-example.mjs REOS_GRAPHQL_URL ALLOWED_PAGE_URL BLOCKED_PAGE_URL SCREENSHOT_DIR
//
// Environment: REOS_TOKEN (a token of the demo tenant), REOS_CHROMIUM (default /usr/bin/chromium).
// Prints one line `web example browser: {json}`; exits 1 when a check fails.
import { launch } from "./chromium.mjs";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [endpoint, allowedUrl, blockedUrl, shots] = process.argv.slice(2);
if (!endpoint || !allowedUrl || !blockedUrl || !shots) {
  console.error("usage: node web-example.mjs REOS_GRAPHQL_URL ALLOWED_PAGE_URL BLOCKED_PAGE_URL SCREENSHOT_DIR");
  process.exit(2);
}
const token = process.env.REOS_TOKEN ?? "";
const reos = new URL(endpoint).origin;
const known = new Set([reos, new URL(allowedUrl).origin, new URL(blockedUrl).origin]);

const summary = { checks: {}, outside: [] };
function check(name, ok, detail) {
  summary.checks[name] = ok ? "ok" : `FAILED: ${detail}`;
  if (!ok) throw new Error(`${name}: ${detail}`);
}

/** Opens `url` in a new tab, recording what it asks of reos and what the console says. */
async function open(context, url) {
  const page = await context.newPage();
  const seen = { requests: [], console: [], errors: [] };
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => seen.errors.push(e.message));
  page.on("response", async (r) => {
    if (!r.url().startsWith(reos)) return;
    const u = new URL(r.url());
    const headers = await r.allHeaders();
    seen.requests.push({
      method: r.request().method(),
      status: r.status(),
      hashOnly: u.searchParams.has("extensions") && !u.searchParams.has("query"),
      allowOrigin: headers["access-control-allow-origin"] ?? null,
      cacheControl: headers["cache-control"] ?? null,
    });
  });
  const response = await page.goto(url, { waitUntil: "load" });
  check(`page ${url}`, response?.status() === 200, `answered ${response?.status()}`);
  return { page, seen };
}

async function signIn(page) {
  await page.fill("#endpoint", endpoint);
  await page.fill("#token", token);
  await page.click("#sign-in-button");
}

const stats = (page) => page.evaluate(() => ({ ...window.reosStats }));

const profile = mkdtempSync(join(tmpdir(), "reos-chromium-"));
let context;
let failed = null;
try {
  mkdirSync(shots, { recursive: true });
  context = await launch(profile, 1280);
  // Offline: the two page origins and reos answer; anything else is recorded and aborted.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || known.has(new URL(url).origin)) return route.continue();
    summary.outside.push(url);
    return route.abort("internetdisconnected");
  });

  // --- the allowed origin ---
  const { page, seen } = await open(context, allowedUrl);
  await signIn(page);
  await page.locator("#properties tr").first().waitFor({ timeout: 30_000 });
  const rows = await page.locator("#properties tr").count();
  summary.rows = rows;
  check("properties listed", rows >= 3, `${rows} rows`);
  summary.who = await page.locator("#who").innerText();
  check("signed in", summary.who.includes("demo"), summary.who);
  const valuation = await page.locator("#properties tr", { hasText: "East Riverside Apartments" }).innerText();
  summary.valuationRow = valuation;
  check("a saved valuation is listed", /dcf · \d{4}-\d\d-\d\d\s+\$[\d,]+/.test(valuation), valuation);
  const first = await stats(page);
  summary.firstVisit = first;
  check("first visit registers the queries", first.registered === 2 && first.failed === 0, JSON.stringify(first));

  // A reload signs in again from sessionStorage: reos knows both hashes now.
  await page.reload({ waitUntil: "load" });
  await page.locator("#properties tr").first().waitFor({ timeout: 30_000 });
  const second = await stats(page);
  summary.reload = second;
  check("a reload runs every query by hash over GET", second.byHash === 2 && second.registered === 0, JSON.stringify(second));

  const row = page.locator("#properties tr", { hasText: "East Riverside Apartments" });
  await row.locator("button").click();
  await page.locator("#dcf-result[data-dcf-value], #dcf-result.error").first().waitFor({ timeout: 30_000 });
  const dcfError = await page.locator("#dcf-result.error").count();
  check("the DCF runs", dcfError === 0, await page.locator("#dcf-result").innerText());
  summary.dcfValue = Number(await page.locator("#dcf-result").getAttribute("data-dcf-value"));
  check("the DCF has a value", summary.dcfValue > 0, String(summary.dcfValue));

  const gets = seen.requests.filter((r) => r.method === "GET");
  summary.requests = seen.requests;
  check("GETs carry the hash alone", gets.length >= 3 && gets.every((r) => r.hashOnly), JSON.stringify(gets));
  check(
    "every answer names this origin",
    seen.requests.every((r) => r.allowOrigin === new URL(allowedUrl).origin),
    JSON.stringify(seen.requests),
  );
  check("no page errors", seen.errors.length === 0, seen.errors.join("; "));
  await page.screenshot({ path: join(shots, "web-app.png"), fullPage: true });

  // --- an origin not on the list: same page, same token ---
  const blocked = await open(context, blockedUrl);
  await signIn(blocked.page);
  await blocked.page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Could not"), null, {
    timeout: 30_000,
  });
  summary.blockedStatus = await blocked.page.locator("#status").innerText();
  const blockedStats = await stats(blocked.page);
  summary.blocked = blockedStats;
  check("the browser refuses the other origin", blockedStats.failed >= 1 && blockedStats.byHash === 0, JSON.stringify(blockedStats));
  check("no data reaches the other origin", (await blocked.page.locator("#properties tr").count()) === 0, "rows shown");
  const corsMessage = blocked.seen.console.find((m) => m.includes("CORS policy"));
  summary.blockedConsole = corsMessage ?? blocked.seen.console;
  check("Chromium names the CORS policy", !!corsMessage, JSON.stringify(blocked.seen.console));
  await blocked.page.screenshot({ path: join(shots, "web-app-blocked-origin.png"), fullPage: true });
  check("nothing outside", summary.outside.length === 0, summary.outside.join(", "));
} catch (e) {
  failed = e;
  summary.error = e.message;
} finally {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
}
summary.ok = failed === null;
console.log(`web example browser: ${JSON.stringify(summary)}`);
process.exit(failed ? 1 : 0);
