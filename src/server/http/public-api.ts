/**
 * The public API (check contract v1), served by Node itself in front of the site (src/server/main.ts):
 *
 * - `POST /api/v1/check`: one household (JSON) in, the result out. 400 with the error JSON for invalid
 *   input, 415 for a body that is not JSON by its type, 429 over the deployment's rate limit
 *   (RONDKOMEN_API_RATE_LIMIT), 500 with the error JSON for a fault of ours, never a stack trace.
 *   A body over 64 KiB never gets here: the request gate answers 413 (gate.ts).
 * - `GET /api/v1/schema`: the JSON Schema of the household input; `GET /api/v1/openapi.json`: the
 *   OpenAPI 3.1 document. Both are written once, at start.
 * - Any other method on these paths: 405 with `Allow`.
 *
 * Why not an Astro endpoint: a JSON API needs none of the site's page machinery, and turning every
 * request and answer into web streams and back cost more than the check itself (issue 17's profile).
 * The gate has already read the body and set the client's address, security headers and HSTS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestedLanguage, runCheck } from '../../contract/check.ts';
import { contractError } from '../../contract/errors.ts';
import { householdJsonSchema } from '../../contract/household.ts';
import { openApiDocument } from '../../contract/openapi.ts';
import type { Rulebook } from '../../engine/rulebook.ts';
import { siteToday } from '../../site/today.ts';
import { jsonAnswer, jsonTextAnswer, languageFromHeader, methodNotAllowedAnswer, type ApiAnswer } from './json.ts';
import { apiLimiter } from './rate-limit.ts';
import type { Listener } from './gate.ts';

export interface CheckRequest {
  contentType: string;
  acceptLanguage: string | null;
  /** The client's address, for the rate limit. */
  client: string;
  body: string;
}

/** The answer to `POST /api/v1/check`. */
export function answerCheck(rulebook: Rulebook, r: CheckRequest, now: Date = new Date()): ApiAnswer {
  const headerLanguage = languageFromHeader(r.acceptLanguage);
  const language = headerLanguage ?? 'nl';
  const verdict = apiLimiter()?.hit(r.client);
  if (verdict && !verdict.ok) {
    const seconds = verdict.retryAfterSeconds;
    const error = contractError('too-many-requests', [{ path: [], code: 'too-many-requests', params: { seconds } }], language);
    return jsonAnswer(error, 429, { 'retry-after': String(seconds) });
  }
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(r.contentType)) {
    return jsonAnswer(contractError('invalid-input', [{ path: [], code: 'content-type', params: {} }], language), 415);
  }
  let input: unknown;
  try {
    input = JSON.parse(r.body);
  } catch {
    return jsonAnswer(contractError('invalid-json', [{ path: [], code: 'invalid-json', params: {} }], language), 400);
  }
  const answer = requestedLanguage(input, headerLanguage);
  let checked: ReturnType<typeof runCheck>;
  try {
    checked = runCheck(input, rulebook, { language: headerLanguage, today: siteToday(), computedAt: now.toISOString() });
  } catch (e) {
    // A fault of ours: logged here, and the caller gets the error JSON without a stack trace.
    console.error(e);
    return jsonAnswer(contractError('internal-error', [{ path: [], code: 'internal-error', params: {} }], answer), 500);
  }
  if (!checked.ok) return jsonAnswer(checked.error, 400, { 'content-language': answer });
  return jsonAnswer(checked.result, 200, { 'content-language': answer });
}

interface Endpoint {
  allow: string;
  answer: (req: IncomingMessage, body: string) => ApiAnswer;
}

/** The API's endpoints by path, for one rulebook and deployment. */
export function publicApi(rulebook: Rulebook, env: NodeJS.ProcessEnv = process.env): Map<string, Endpoint> {
  const schema = JSON.stringify(householdJsonSchema());
  const openApi = JSON.stringify(openApiDocument(env.PUBLIC_URL, env.RONDKOMEN_API_CONTACT));
  const document = (text: string): Endpoint => ({
    allow: 'GET, HEAD',
    answer: () => jsonTextAnswer(text, 200, { 'cache-control': 'public, max-age=3600' }),
  });
  return new Map<string, Endpoint>([
    [
      '/api/v1/check',
      {
        allow: 'POST',
        answer: (req, body) =>
          answerCheck(rulebook, {
            contentType: String(req.headers['content-type'] ?? ''),
            acceptLanguage: req.headers['accept-language'] ?? null,
            client: clientAddress(req),
            body,
          }),
      },
    ],
    ['/api/v1/schema', document(schema)],
    ['/api/v1/openapi.json', document(openApi)],
  ]);
}

/** The client as the gate decided it: the one X-Forwarded-For value it leaves, else the peer. */
function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  return (typeof forwarded === 'string' && forwarded.trim()) || req.socket.remoteAddress || '';
}

const utf8 = new TextDecoder();

function send(req: IncomingMessage, res: ServerResponse, a: ApiAnswer): void {
  res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
  res.end(req.method === 'HEAD' ? undefined : a.body);
}

/** Serves the API's paths; everything else goes on to `listener` (the site). */
export function servePublicApi(listener: Listener, endpoints: Map<string, Endpoint>): Listener {
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const endpoint = endpoints.get(q === -1 ? url : url.slice(0, q));
    if (!endpoint) {
      listener(req, res);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (!endpoint.allow.split(', ').includes(method)) {
      send(req, res, methodNotAllowedAnswer(endpoint.allow));
      return;
    }
    const body = (req as IncomingMessage & { body?: Uint8Array }).body;
    try {
      // TextDecoder drops a UTF-8 byte order mark, as `cli check` does.
      send(req, res, endpoint.answer(req, body ? utf8.decode(body) : ''));
    } catch (e) {
      console.error(e);
      send(req, res, jsonAnswer(contractError('internal-error', [{ path: [], code: 'internal-error', params: {} }], 'nl'), 500));
    }
  };
}
