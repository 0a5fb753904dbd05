// PostGraphile v4 in library mode for the side-by-side load comparison of issue 17 (ops/load/compare.sh):
// verifies reos's ES256 bearer tokens against the dev public JWK set, maps the `tenant` slug to its uuid
// and lets PostGraphile set `app.tenant_id` transaction-locally, connected as the RLS-bound role.
//
// Usage: node server.js [--workers N] [--port P] [--schema-out FILE]
// Environment: DATABASE_URL (the RLS-bound role), JWKS_FILE, ISSUER (reos-dev), AUDIENCE (reos),
// PORT (18182), WORKERS (1), POOL (16: connections in total, split between workers), TENANT_CLAIM (tenant).
'use strict';

const cluster = require('cluster');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');

function option(name, env, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  return process.env[env] || fallback;
}

const WORKERS = Math.max(1, parseInt(option('workers', 'WORKERS', '1'), 10));
const PORT = parseInt(option('port', 'PORT', '18182'), 10);
const SCHEMA_OUT = option('schema-out', 'SCHEMA_OUT', '');
const DATABASE_URL = process.env.DATABASE_URL;
const JWKS_FILE = process.env.JWKS_FILE;
const ISSUER = process.env.ISSUER || 'reos-dev';
const AUDIENCE = process.env.AUDIENCE || 'reos';
const TENANT_CLAIM = process.env.TENANT_CLAIM || 'tenant';
const POOL = parseInt(process.env.POOL || '16', 10);
// The same rules as reos (src/auth/verifier.rs, src/http/token_cache.rs): 30 s leeway on exp/nbf,
// a verified token trusted again until min(exp, 30 s), the cache emptied beyond 10,000 entries.
const LEEWAY_S = 30;
const TOKEN_TTL_MS = 30_000;
const MAX_TOKENS = 10_000;
const ROLES = new Set(['viewer', 'analyst', 'operator', 'admin']);

if (!DATABASE_URL || !JWKS_FILE) {
  console.error('DATABASE_URL and JWKS_FILE are required');
  process.exit(2);
}

if (cluster.isPrimary && WORKERS > 1) {
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      console.error(`worker ${worker.process.pid} exited (${signal || code}); stopping`);
      stopping = true;
      for (const w of Object.values(cluster.workers)) w.kill();
      process.exitCode = 1;
    }
  });
  for (const sig of ['SIGTERM', 'SIGINT']) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers)) w.kill();
    });
  }
} else {
  serve();
}

function b64url(s) {
  return Buffer.from(s, 'base64url');
}

class AuthError extends Error {}

function loadKeys() {
  const doc = JSON.parse(fs.readFileSync(JWKS_FILE, 'utf8'));
  const keys = new Map();
  for (const jwk of doc.keys || [doc]) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') continue;
    keys.set(jwk.kid || '', crypto.createPublicKey({ key: jwk, format: 'jwk' }));
  }
  if (keys.size === 0) throw new Error(`${JWKS_FILE}: no P-256 key`);
  return keys;
}

function serve() {
  const keys = loadKeys();
  const perWorker = Math.max(1, Math.ceil(POOL / WORKERS));
  const pool = new Pool({ connectionString: DATABASE_URL, max: perWorker });
  pool.on('error', (e) => console.error('pool error', e.message));
  const tokens = new Map(); // token -> { tenantId, until }
  const tenants = new Map(); // slug -> uuid (tenants are never renamed during a run)

  // Signature, algorithm, key id, issuer, audience, exp and nbf; returns the claims.
  function verify(token) {
    const parts = token.split('.');
    if (parts.length !== 3) throw new AuthError('malformed token');
    let header;
    let claims;
    try {
      header = JSON.parse(b64url(parts[0]).toString('utf8'));
      claims = JSON.parse(b64url(parts[1]).toString('utf8'));
    } catch (e) {
      throw new AuthError('malformed token');
    }
    if (header.alg !== 'ES256') throw new AuthError('algorithm not allowed');
    const key = header.kid !== undefined ? keys.get(header.kid) : keys.size === 1 ? [...keys.values()][0] : undefined;
    if (!key) throw new AuthError('no trusted key matches the token');
    const ok = crypto.verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      { key, dsaEncoding: 'ieee-p1363' },
      b64url(parts[2]),
    );
    if (!ok) throw new AuthError('invalid signature');
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== ISSUER) throw new AuthError('wrong issuer');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(AUDIENCE)) throw new AuthError('wrong audience');
    if (typeof claims.exp !== 'number') throw new AuthError('exp is required');
    if (now > claims.exp + LEEWAY_S) throw new AuthError('token expired');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now + LEEWAY_S < claims.nbf)) {
      throw new AuthError('token not yet valid');
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new AuthError('claim `sub` is required');
    const slug = claims[TENANT_CLAIM];
    if (typeof slug !== 'string' || slug.trim() === '') throw new AuthError(`claim \`${TENANT_CLAIM}\` is required`);
    const roles = Array.isArray(claims.roles) ? claims.roles : String(claims.roles || '').split(/\s+/);
    if (!roles.some((r) => ROLES.has(r))) throw new AuthError('no role');
    return claims;
  }

  async function tenantId(slug) {
    const cached = tenants.get(slug);
    if (cached) return cached;
    const { rows } = await pool.query('SELECT id FROM tenants WHERE slug = $1', [slug]);
    if (rows.length === 0) throw new AuthError('unknown tenant');
    tenants.set(slug, rows[0].id);
    return rows[0].id;
  }

  // Bearer header -> tenant uuid, through the verified-token cache.
  async function authenticate(header) {
    const m = /^bearer\s+(.+)$/i.exec(header || '');
    if (!m) throw new AuthError('missing bearer token');
    const token = m[1].trim();
    const hit = tokens.get(token);
    if (hit && Date.now() < hit.until) return hit.tenantId;
    const claims = verify(token);
    const id = await tenantId(claims[TENANT_CLAIM]);
    if (tokens.size >= MAX_TOKENS) tokens.clear();
    tokens.set(token, { tenantId: id, until: Math.min(claims.exp * 1000, Date.now() + TOKEN_TTL_MS) });
    return id;
  }

  const middleware = postgraphile(pool, 'public', {
    graphiql: false,
    disableQueryLog: true,
    ignoreRBAC: false,
    setofFunctionsContainNulls: false,
    dynamicJson: false,
    enableQueryBatching: false,
    watchPg: false,
    retryOnInitFail: false,
    extendedErrors: [],
    showErrorStack: false,
    exportGqlSchemaPath: SCHEMA_OUT && (cluster.isPrimary || cluster.worker.id === 1) ? SCHEMA_OUT : undefined,
    // PostGraphile sends these with set_config(name, value, true) in the request's transaction.
    pgSettings: (req) => ({ 'app.tenant_id': req.reosTenantId }),
  });

  const server = http.createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/readyz') {
      middleware
        .getGraphQLSchema()
        .then(() => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
        })
        .catch((e) => {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end(String(e && e.message));
        });
      return;
    }
    if (path !== '/graphql') {
      res.writeHead(404);
      res.end();
      return;
    }
    authenticate(req.headers.authorization).then(
      (id) => {
        req.reosTenantId = id;
        middleware(req, res);
      },
      (e) => {
        const status = e instanceof AuthError ? 401 : 500;
        if (status === 500) console.error('authentication failed', e);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: e instanceof AuthError ? e.message : 'internal error' }] }));
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  server.listen(PORT, '127.0.0.1');
  for (const sig of ['SIGTERM', 'SIGINT']) {
    process.on(sig, () => {
      server.close();
      pool.end().finally(() => process.exit(0));
    });
  }
}
