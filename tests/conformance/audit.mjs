// GraphQL-over-HTTP audit of a live reos: graphql-http's auditServer, every request carrying a
// bearer token. Exits 1 on any `error` or `warn` result (each printed with the server's answer),
// 0 otherwise; `notice` results are printed but do not fail. Usage:
//   node tests/conformance/audit.mjs http://127.0.0.1:PORT/graphql TOKEN
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node audit.mjs <graphql url> <bearer token>');
  process.exit(2);
}

/** fetch with `Authorization: Bearer <token>` added to whatever headers the audit sets. */
function authedFetch(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

async function describe(result) {
  let body = '';
  try {
    body = await result.response.clone().text();
  } catch (e) {
    body = `<body unreadable: ${e}>`;
  }
  const type = result.response.headers.get('content-type');
  return `  ${result.status.toUpperCase()} ${result.id} ${result.name}\n    reason: ${result.reason}\n` +
    `    response: ${result.response.status} ${type}\n    body: ${body.slice(0, 400)}`;
}

const results = await auditServer({ url, fetchFn: authedFetch });
const count = (s) => results.filter((r) => r.status === s).length;
for (const r of results.filter((r) => r.status !== 'ok')) {
  console.log(await describe(r));
}
const summary = { total: results.length, ok: count('ok'), notice: count('notice'), warn: count('warn'), error: count('error') };
console.log(`graphql-http audit: ${JSON.stringify(summary)}`);
process.exit(summary.warn + summary.error === 0 ? 0 : 1);
