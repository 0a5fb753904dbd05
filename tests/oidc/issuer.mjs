// A real OIDC issuer on loopback for tests/oidc_e2e.rs: npm oidc-provider (discovery, JWKS, token
// endpoint) with RS256 keys made by jose. Clients use the client-credentials grant and get JWT access
// tokens (resource indicators, `accessTokenFormat: 'jwt'`) whose audience is reos's `oidc_audience`
// and which carry the tenant and roles claims reos reads.
//
//   node tests/oidc/issuer.mjs <port|0> <audience>
//
// Prints one JSON line `{"issuer": "...", "kid": "..."}` once it listens. Test-only admin route:
// `POST /admin/rotate` replaces the signing key with a new one (new kid) and drops the old one from
// the JWKS, answering `{"kid": "<new>", "retired": "<old>"}`. Exits when stdin closes, so it never
// outlives the test that started it.
import http from 'node:http';
import { generateKeyPair, exportJWK, calculateJwkThumbprint } from 'jose';
import Provider from 'oidc-provider';

const [portArg = '0', audience = 'reos'] = process.argv.slice(2);
/** The resource indicator clients ask for; its access tokens carry `aud: <audience>`. */
const RESOURCE = 'urn:reos:api';

/** client id → the claims its tokens carry (tenant slug and reos roles). */
const CLIENTS = {
  'acme-analyst': { tenant: 'acme', roles: ['analyst'] },
  'acme-admin': { tenant: 'acme', roles: ['admin'] },
  'globex-viewer': { tenant: 'globex', roles: ['viewer'] },
};
const SECRET = 'reos-test-secret';

async function newSigningKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return jwk;
}

function buildProvider(issuer, key) {
  const provider = new Provider(issuer, {
    clients: Object.keys(CLIENTS).map((id) => ({
      client_id: id,
      client_secret: SECRET,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [key] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== RESOURCE) throw new Provider.errors.InvalidTarget();
          return {
            scope: 'api',
            audience,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => CLIENTS[token.clientId],
  });
  return provider;
}

let key = await newSigningKey();
let callback;
let issuer;

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/admin/rotate') {
    newSigningKey().then((next) => {
      const retired = key.kid;
      key = next;
      callback = buildProvider(issuer, key).callback();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kid: key.kid, retired }));
    }, (e) => {
      res.writeHead(500);
      res.end(String(e));
    });
    return;
  }
  callback(req, res);
});

server.listen(Number(portArg), '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  callback = buildProvider(issuer, key).callback();
  process.stdout.write(`${JSON.stringify({ issuer, kid: key.kid })}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
