/**
 * A real OpenID Provider for the SSO tests: panva's `oidc-provider` on 127.0.0.1, with the clients
 * and accounts a test gives it. Its login step is scripted: the test says who logs in next (and with
 * which `amr`), and the provider finishes the interaction as that account, so the whole
 * Authorization Code flow runs over HTTP with the provider's own checks, keys and tokens. A small
 * browser follows the redirects with a cookie jar until the provider sends it to the redirect URI.
 */
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './server.ts';

export interface TestAccount {
  email?: string | undefined;
  email_verified?: boolean | undefined;
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface TestProvider {
  issuer: string;
  accounts: Map<string, TestAccount>;
  /** Who logs in at the next interaction, and the `amr` the provider puts in the ID token. */
  next: (accountId: string, amr?: string[]) => void;
  /** Runs an authorization request in a fresh browser; returns the query the provider sent to `redirectUri`. */
  authorize: (authorizationUrl: string, redirectUri: string) => Promise<string>;
  stop: () => Promise<void>;
}

export async function startProvider(clients: TestClient[], options: { idTokenClaims?: boolean } = {}): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, TestAccount>();
  let login: { accountId: string; amr?: string[] | undefined } | undefined;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      ...c,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    // The defaults, with `amr` (RFC 8176) in the openid scope so that the ID token says how the person logged in.
    claims: { acr: null, auth_time: null, iss: null, sid: null, openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'email'],
    // With false, the e-mail claims go into the ID token; by default only to the userinfo endpoint.
    conformIdTokenClaims: !options.idTokenClaims,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) =>
      accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) } : undefined,
  });
  const handle = provider.callback();
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          if (!login) throw new Error('the test did not say who logs in');
          const { accountId, amr } = login;
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId, ...(amr ? { amr } : {}) } },
            { mergeWithLastSubmission: false },
          );
        } else {
          const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id! });
          grant.addOIDCScope('openid email');
          grant.addOIDCClaims(['email', 'email_verified']);
          await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
        }
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  const authorize = async (authorizationUrl: string, redirectUri: string): Promise<string> => {
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const r = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const c of r.headers.getSetCookie()) {
        const pair = c.split(';')[0]!;
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = r.headers.get('location');
      if (!location) throw new Error(`the provider answered ${r.status} at ${url}: ${(await r.text()).slice(0, 500)}`);
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) return next.search;
      url = next.href;
    }
    throw new Error('too many redirects at the provider');
  };

  return {
    issuer,
    accounts,
    next: (accountId, amr) => (login = { accountId, amr }),
    authorize,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
