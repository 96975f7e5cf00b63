// The company's identity provider in the browser SSO tests: the certified `oidc-provider` package, served on
// loopback with its own login and consent pages (password checked), a client for Sichtbar and a `groups`
// claim. Configured by the JSON in OIDC_TEST_CONFIG:
//   { "port": 0, "client": { "client_id", "client_secret", "redirect_uris": [...] },
//     "accounts": { "<id>": { "email", "password", "given_name", "family_name", "groups": [...] } } }
// Prints one line `ready <issuer>` when it listens. A test changes an account (e.g. its groups) with
// POST /__control/accounts/<id> {…}; POST /__control/forge-jwks {"on": true} publishes a JWKS with a different
// key under the signing key's id, so ID tokens no longer verify against what the provider publishes.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const accounts = config.accounts ?? {};
let forgeJwks = false;

function signingKey(kid) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

const key = signingKey('sichtbar-test-1');
const forged = signingKey('sichtbar-test-1');
const publicPart = ({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use });

const escape = (value) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function page(res, title, body) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}

function loginForm(res, uid, error = '') {
  page(
    res,
    'Company sign-in',
    `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <label for="login">Username</label> <input id="login" name="login" autocomplete="username">
  <label for="password">Password</label> <input id="password" name="password" type="password">
  <button type="submit">Sign in</button>
</form>`,
  );
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer();

server.listen(config.port ?? 0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        ...config.client,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [key] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name'],
      groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: account.email,
            email_verified: true,
            given_name: account.given_name,
            family_name: account.family_name,
            name: `${account.given_name} ${account.family_name}`,
            groups: account.groups ?? [],
          };
        },
      };
    },
  });
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const url = new URL(req.url, issuer);
    try {
      const control = url.pathname.match(/^\/__control\/(accounts\/([\w-]+)|forge-jwks)$/);
      if (control && req.method === 'POST') {
        const body = JSON.parse((await readBody(req)) || '{}');
        if (control[2]) {
          accounts[control[2]] = { ...(accounts[control[2]] ?? {}), ...body };
          return json(res, 200, accounts[control[2]]);
        }
        forgeJwks = Boolean(body.on);
        return json(res, 200, { forged: forgeJwks });
      }
      if (forgeJwks && url.pathname === '/jwks') {
        return json(res, 200, { keys: [publicPart(forged)] });
      }
      const interaction = url.pathname.match(/^\/interaction\/([\w-]+)(\/(login|confirm|abort))?$/);
      if (!interaction) return callback(req, res);

      const [, uid, , action] = interaction;
      const details = await provider.interactionDetails(req, res);
      if (!action) {
        if (details.prompt.name === 'login') return loginForm(res, uid);
        const scopes = [...new Set(String(details.params.scope).split(' '))];
        return page(
          res,
          'Allow access?',
          `<p>Sichtbar asks for: ${scopes.map(escape).join(', ')}</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Deny</button></form>`,
        );
      }
      const form = new URLSearchParams(await readBody(req));
      if (action === 'login') {
        const login = (form.get('login') ?? '').trim().toLowerCase();
        const found = Object.entries(accounts).find(([, a]) => a.email.toLowerCase() === login);
        if (!found || found[1].password !== form.get('password')) {
          return loginForm(res, uid, 'Wrong username or password.');
        }
        return provider.interactionFinished(req, res, { login: { accountId: found[0] } }, { mergeWithLastSubmission: false });
      }
      if (action === 'abort') {
        return provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'End-User aborted interaction' },
          { mergeWithLastSubmission: false },
        );
      }
      const { prompt, grantId, session, params } = details;
      const grant = grantId
        ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    } catch (error) {
      process.stderr.write(`${error.stack ?? error}\n`);
      if (!res.headersSent) json(res, 500, { error: String(error.message ?? error) });
    }
  });
  process.stdout.write(`ready ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
