/**
 * Single sign-on for staff with the municipality's own OpenID Connect provider (its Entra ID,
 * Keycloak, …), next to or instead of passwords. The relying party is `openid-client` (v6):
 * discovery from the issuer, the Authorization Code flow with PKCE (S256), `state` and `nonce`, and
 * an ID token checked for issuer, audience, expiry, nonce and signature (non-repudiation checks:
 * the signature is verified against the provider's published keys, not only trusted from TLS).
 *
 * - An admin sets it up per municipality: issuer, client id, client secret (kept encrypted, never
 *   shown again, replaced only by typing a new one), the name on the button, whether the provider
 *   always asks for a second factor, and whether password login stays allowed (sso-policy.ts).
 * - No accounts are made here. An identity (issuer and subject) signs in to the staff account it is
 *   linked to in that municipality. The first time, it is linked to the account with the provider's
 *   e-mail address, only when the provider says that address is verified (`email_verified: true`)
 *   and the account is a member of that municipality.
 * - The session is bound to the municipality whose provider signed the person in (sessions.ts): an
 *   identity from one municipality's provider never works in another municipality.
 * - The provider's login counts as the second factor when its ID token says so (`amr` holds `mfa`,
 *   RFC 8176) or the admin stated that the provider always asks for one; otherwise an account with
 *   TOTP is asked for its code (auth.ts).
 * - Every refusal is in the municipality's audit log (`sso-login-failed`, with the reason); the
 *   page shows the same words whether or not an account exists.
 *
 * The flow's state, nonce and PKCE verifier travel in a short-lived encrypted cookie (SameSite=Lax,
 * so the browser sends it when the provider sends the person back).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { audit } from '../audit/log.ts';
import { staff, staffMemberships, staffSsoConfigs, staffSsoLinks } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { normaliseEmail } from './accounts.ts';
import { clientKey, loginAfterSso, type LoginOutcome } from './auth.ts';
import { safeReturnPath } from './guard.ts';
import type { ConsoleUser } from './sessions.ts';
import { consoleSettings } from './settings.ts';
import { openSecret, sealSecret } from './totp.ts';

export const SSO_START_PATH = '/beheer/sso/start';
export const SSO_CALLBACK_PATH = '/beheer/sso/terug';
/** How long a person may take at the provider. */
const FLOW_SECONDS = 600;
/** Network time allowed for each request to the provider. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** The address to register at the provider as the redirect URI. */
export function ssoRedirectUri(s: Services): string {
  return `${s.config.publicUrl}${SSO_CALLBACK_PATH}`;
}

/** A plain http issuer is accepted only on the machine itself (a test provider); anything else needs https. */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export interface SsoSettings {
  municipality: string;
  label: string;
  issuer: string;
  clientId: string;
  enabled: boolean;
  passwordLogin: boolean;
  providerEnforcesMfa: boolean;
  updatedAt: Date;
}

type Config = typeof staffSsoConfigs.$inferSelect;

function view(c: Config): SsoSettings {
  return {
    municipality: c.municipality,
    label: c.label,
    issuer: c.issuer,
    clientId: c.clientId,
    enabled: c.enabled,
    passwordLogin: c.passwordLogin,
    providerEnforcesMfa: c.providerEnforcesMfa,
    updatedAt: c.updatedAt,
  };
}

/** A municipality's settings, without the client secret. */
export async function ssoSettingsOf(s: Services, municipality: string): Promise<SsoSettings | undefined> {
  const [row] = await s.database.db.select().from(staffSsoConfigs).where(eq(staffSsoConfigs.municipality, municipality));
  return row ? view(row) : undefined;
}

/** The providers on the login page: every municipality that turned single sign-on on. */
export async function ssoProviders(s: Services): Promise<{ municipality: string; label: string }[]> {
  return s.database.db
    .select({ municipality: staffSsoConfigs.municipality, label: staffSsoConfigs.label })
    .from(staffSsoConfigs)
    .where(eq(staffSsoConfigs.enabled, true))
    .orderBy(staffSsoConfigs.label);
}

async function discover(c: Pick<Config, 'issuer' | 'clientId'>, clientSecret: string): Promise<oidc.Configuration> {
  const issuer = new URL(c.issuer);
  // openid-client marks allowInsecureRequests deprecated to discourage it: here only for a provider on
  // this machine (tests); saveSsoSettings accepts no other plain-http issuer.
  return oidc.discovery(issuer, c.clientId, clientSecret, oidc.ClientSecretPost(clientSecret), {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    execute: [oidc.enableNonRepudiationChecks, ...(issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [])],
  });
}

export interface SsoSettingsInput {
  label: string;
  issuer: string;
  clientId: string;
  /** Empty keeps the stored secret. */
  clientSecret: string;
  enabled: boolean;
  passwordLogin: boolean;
  providerEnforcesMfa: boolean;
}

export type SsoSettingsField = 'label' | 'issuer' | 'clientId' | 'clientSecret' | 'passwordLogin';
export type SsoSettingsResult = { ok: true } | { ok: false; errors: { field: SsoSettingsField; problem: string }[] };

/**
 * Saves the settings of the admin's municipality. The issuer must answer its discovery document
 * before single sign-on is turned on (so a typing error cannot lock everyone out when password login
 * goes off), and password login can go off only while single sign-on is on.
 */
export async function saveSsoSettings(s: Services, user: ConsoleUser, input: SsoSettingsInput): Promise<SsoSettingsResult> {
  if (user.role !== 'admin') return { ok: false, errors: [{ field: 'label', problem: 'forbidden' }] };
  const db = s.database.db;
  const [current] = await db.select().from(staffSsoConfigs).where(eq(staffSsoConfigs.municipality, user.municipality));
  const errors: { field: SsoSettingsField; problem: string }[] = [];
  const label = input.label.trim().slice(0, 80);
  const clientId = input.clientId.trim().slice(0, 300);
  const clientSecret = input.clientSecret.trim().slice(0, 1000);
  let issuer: URL | undefined;
  try {
    issuer = new URL(input.issuer.trim());
  } catch {
    issuer = undefined;
  }
  if (!label) errors.push({ field: 'label', problem: 'missing' });
  if (!issuer || issuer.search || issuer.hash || !(issuer.protocol === 'https:' || (issuer.protocol === 'http:' && isLoopback(issuer))))
    errors.push({ field: 'issuer', problem: 'invalid' });
  if (!clientId) errors.push({ field: 'clientId', problem: 'missing' });
  if (!clientSecret && !current) errors.push({ field: 'clientSecret', problem: 'missing' });
  if (!input.passwordLogin && !input.enabled) errors.push({ field: 'passwordLogin', problem: 'needs-sso' });
  if (errors.length > 0 || !issuer) return { ok: false, errors };
  const secret = clientSecret || openSecret(s.secret, current!.clientSecretSealed, 'sso client')?.toString('utf8');
  if (!secret) return { ok: false, errors: [{ field: 'clientSecret', problem: 'missing' }] };
  // As typed: discovery checks that it is exactly the issuer the provider names.
  const issuerText = input.issuer.trim();
  if (input.enabled) {
    try {
      await discover({ issuer: issuerText, clientId }, secret);
    } catch {
      return { ok: false, errors: [{ field: 'issuer', problem: 'unreachable' }] };
    }
  }
  const now = s.now();
  const values = {
    label,
    issuer: issuerText,
    clientId,
    clientSecretSealed: clientSecret ? sealSecret(s.secret, Buffer.from(clientSecret, 'utf8'), 'sso client') : current!.clientSecretSealed,
    enabled: input.enabled,
    passwordLogin: input.passwordLogin,
    providerEnforcesMfa: input.providerEnforcesMfa,
    updatedAt: now,
    updatedBy: user.id,
  };
  await db
    .insert(staffSsoConfigs)
    .values({ municipality: user.municipality, ...values })
    .onConflictDoUpdate({ target: staffSsoConfigs.municipality, set: values });
  await audit(db, {
    municipality: user.municipality,
    staffId: user.id,
    action: 'sso-settings-changed',
    details: {
      issuer: issuerText,
      clientId,
      enabled: input.enabled,
      passwordLogin: input.passwordLogin,
      providerEnforcesMfa: input.providerEnforcesMfa,
      secretReplaced: Boolean(clientSecret),
    },
    at: now,
  });
  return { ok: true };
}

/** The flow between the start and the return: kept in an encrypted cookie, never in a URL. */
interface Flow {
  municipality: string;
  state: string;
  nonce: string;
  verifier: string;
  back: string;
  expires: number;
}

function flowCookieName(secure: boolean): string {
  return secure ? '__Host-rondkomen-sso' : 'rondkomen-sso';
}

function flowCookie(value: string, secure: boolean, maxAge: number): string {
  return `${flowCookieName(secure)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

function readFlow(s: Services, header: string | null, now: Date): Flow | undefined {
  const name = flowCookieName(consoleSettings().secureCookies);
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    const opened = openSecret(s.secret, v.join('=').slice(0, 2000), 'sso flow');
    try {
      const flow = opened ? (JSON.parse(opened.toString('utf8')) as Flow) : undefined;
      return flow && flow.expires > now.getTime() ? flow : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function configOf(s: Services, municipality: string): Promise<{ row: Config; secret: string } | undefined> {
  const [row] = await s.database.db
    .select()
    .from(staffSsoConfigs)
    .where(and(eq(staffSsoConfigs.municipality, municipality), eq(staffSsoConfigs.enabled, true)));
  const secret = row ? openSecret(s.secret, row.clientSecretSealed, 'sso client')?.toString('utf8') : undefined;
  return row && secret ? { row, secret } : undefined;
}

/**
 * The start of a login with a municipality's provider: the address to send the browser to and the
 * cookie that carries the flow, or undefined when that municipality has no working single sign-on.
 */
export async function startSso(
  s: Services,
  municipality: string,
  back: unknown,
): Promise<{ location: string; cookie: string } | undefined> {
  const c = await configOf(s, municipality.slice(0, 20));
  if (!c) return undefined;
  let config: oidc.Configuration;
  try {
    config = await discover(c.row, c.secret);
  } catch {
    await audit(s.database.db, {
      municipality: c.row.municipality,
      staffId: null,
      action: 'sso-login-failed',
      details: { reason: 'provider-unreachable' },
      at: s.now(),
    });
    return undefined;
  }
  const flow: Flow = {
    municipality: c.row.municipality,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    back: safeReturnPath(back),
    expires: s.now().getTime() + FLOW_SECONDS * 1000,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(s),
    scope: 'openid email',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  });
  const sealed = sealSecret(s.secret, Buffer.from(JSON.stringify(flow), 'utf8'), 'sso flow');
  return { location: url.href, cookie: flowCookie(sealed, consoleSettings().secureCookies, FLOW_SECONDS) };
}

/** The cookie that ends the flow (sent with every answer of the return page). */
export function clearedFlowCookie(): string {
  return flowCookie('', consoleSettings().secureCookies, 0);
}

export type SsoOutcome =
  | LoginOutcome
  /** The provider's answer did not hold (state, nonce, signature, expired or cancelled flow). */
  | { ok: false; reason: 'sso-failed' }
  /** The identity is not (and cannot be) linked to an account of this municipality. */
  | { ok: false; reason: 'sso-refused' };

/** Why a login with the provider was refused, for the audit log (the page says less). */
type Refusal =
  | 'no-flow'
  | 'provider-error'
  | 'response-invalid'
  | 'email-unverified'
  | 'no-account'
  | 'not-member'
  | 'account-disabled'
  | 'provider-unreachable';

/**
 * The return from the provider: checks its answer against the flow in the cookie, finds the linked
 * account (or links one by verified e-mail address), and signs the person in to that municipality.
 */
export async function finishSso(
  s: Services,
  input: { search: string; cookie: string | null; client: string },
): Promise<{ outcome: SsoOutcome; back: string; label?: string | undefined }> {
  const db = s.database.db;
  const now = s.now();
  const client = clientKey(s, input.client);
  const flow = readFlow(s, input.cookie, now);
  const refuse = async (
    municipality: string,
    reason: Refusal,
    extra: Record<string, unknown> = {},
    staffId: string | null = null,
  ): Promise<{ ok: false; reason: 'sso-failed' | 'sso-refused' }> => {
    await audit(db, { municipality, staffId, action: 'sso-login-failed', details: { reason, ...extra }, client, at: now });
    const failed: Refusal[] = ['no-flow', 'provider-error', 'response-invalid', 'provider-unreachable'];
    return { ok: false, reason: failed.includes(reason) ? 'sso-failed' : 'sso-refused' };
  };
  if (!flow) return { outcome: await refuse('', 'no-flow'), back: '/beheer' };
  const c = await configOf(s, flow.municipality);
  if (!c) return { outcome: await refuse(flow.municipality, 'no-flow'), back: flow.back };
  const done = (outcome: SsoOutcome) => ({ outcome, back: flow.back, label: c.row.label });
  const params = new URLSearchParams(input.search.slice(0, 4000));
  if (params.has('error')) return done(await refuse(flow.municipality, 'provider-error', { error: params.get('error')?.slice(0, 60) }));
  let config: oidc.Configuration;
  try {
    config = await discover(c.row, c.secret);
  } catch {
    return done(await refuse(flow.municipality, 'provider-unreachable'));
  }
  let answer: ProviderAnswer;
  try {
    answer = await redeemCode(s, config, params, flow);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code).slice(0, 60) : 'error';
    return done(await refuse(flow.municipality, 'response-invalid', { error: code }));
  }
  const { claims } = answer;
  const subject = claims.sub.slice(0, 255);
  const found = await linkedStaff(s, flow.municipality, answer, subject);
  if ('refusal' in found) return done(await refuse(flow.municipality, found.refusal, { subject }));
  const { link, staffId } = found;
  // Member of this municipality (an invitation not yet taken up does not count), and not disabled.
  const [member] = await db
    .select({ person: staff })
    .from(staffMemberships)
    .innerJoin(staff, eq(staff.id, staffMemberships.staffId))
    .where(
      and(
        eq(staffMemberships.staffId, staffId),
        eq(staffMemberships.municipality, flow.municipality),
        isNotNull(staffMemberships.acceptedAt),
      ),
    );
  // Someone of another municipality is not named in this municipality's log.
  if (!member) return done(await refuse(flow.municipality, 'not-member', { subject }));
  if (member.person.disabledAt) return done(await refuse(flow.municipality, 'account-disabled', { subject }, staffId));
  await rememberLink(s, link, { municipality: flow.municipality, issuer: claims.iss, subject, staffId }, client, now);
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  const providerSecondFactor = c.row.providerEnforcesMfa || amr.includes('mfa');
  return done(await loginAfterSso(s, member.person, { municipality: flow.municipality, providerSecondFactor, client: input.client }));
}

/** What the provider says about the person: the ID token's claims and the e-mail address, verified or not. */
interface ProviderAnswer {
  claims: oidc.IDToken;
  email: unknown;
  emailVerified: unknown;
}

/** Trades the authorisation code for tokens, checked against the flow's state, nonce and PKCE verifier. */
async function redeemCode(s: Services, config: oidc.Configuration, params: URLSearchParams, flow: Flow): Promise<ProviderAnswer> {
  let email: unknown;
  let emailVerified: unknown;
  const callback = new URL(ssoRedirectUri(s));
  callback.search = params.toString();
  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    pkceCodeVerifier: flow.verifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  ({ email, email_verified: emailVerified } = claims);
  // Providers that keep the e-mail address out of the ID token give it at the userinfo endpoint.
  if (email === undefined && config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    ({ email, email_verified: emailVerified } = info);
  }
  return { claims, email, emailVerified };
}

type SsoLink = typeof staffSsoLinks.$inferSelect;

/** The account linked to this subject at this provider, or else the account with the provider's verified e-mail address. */
async function linkedStaff(
  s: Services,
  municipality: string,
  answer: ProviderAnswer,
  subject: string,
): Promise<{ link: SsoLink | undefined; staffId: string } | { refusal: 'email-unverified' | 'no-account' }> {
  const db = s.database.db;
  const [link] = await db
    .select()
    .from(staffSsoLinks)
    .where(
      and(eq(staffSsoLinks.municipality, municipality), eq(staffSsoLinks.issuer, answer.claims.iss), eq(staffSsoLinks.subject, subject)),
    );
  if (link?.staffId) return { link, staffId: link.staffId };
  const { email, emailVerified } = answer;
  if (emailVerified !== true || typeof email !== 'string') return { refusal: 'email-unverified' };
  const [person] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(eq(staff.email, normaliseEmail(email).slice(0, 254)));
  if (!person) return { refusal: 'no-account' };
  return { link, staffId: person.id };
}

/** Notes when a link was last used, or links the subject to the account the first time (and says so in the log). */
async function rememberLink(
  s: Services,
  link: SsoLink | undefined,
  values: { municipality: string; issuer: string; subject: string; staffId: string },
  client: string,
  now: Date,
): Promise<void> {
  const db = s.database.db;
  if (link) {
    await db
      .update(staffSsoLinks)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(staffSsoLinks.municipality, link.municipality),
          eq(staffSsoLinks.issuer, link.issuer),
          eq(staffSsoLinks.subject, link.subject),
        ),
      );
  } else {
    await db
      .insert(staffSsoLinks)
      .values({ ...values, createdAt: now, lastUsedAt: now })
      .onConflictDoNothing();
    const { municipality, staffId, subject } = values;
    await audit(db, { municipality, staffId, action: 'sso-linked', details: { subject }, client, at: now });
  }
}
