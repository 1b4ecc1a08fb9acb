/**
 * POST /api/v1/check: one household (JSON) in, the result out (check contract v1).
 * 400 with the error JSON for invalid input, 413 for a body over 64 KiB, 415 for a body that is not
 * JSON by its type, 429 over the deployment's rate limit (RONDKOMEN_API_RATE_LIMIT), 500 with the
 * error JSON for a fault of ours. Never a stack trace. Described in
 * GET /api/v1/openapi.json.
 */
import type { APIRoute } from 'astro';
import { requestedLanguage, runCheck } from '../../../contract/check.ts';
import { contractError } from '../../../contract/errors.ts';
import { BodyTooLarge, json, languageFromHeader, methodNotAllowed, readLimited } from '../../../server/http/json.ts';
import { apiLimiter } from '../../../server/http/rate-limit.ts';
import { getRulebook } from '../../../server/rulebook.ts';
import { siteToday } from '../../../site/today.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request, clientAddress }) => {
  const headerLanguage = languageFromHeader(request.headers.get('accept-language'));
  const language = headerLanguage ?? 'nl';
  const verdict = apiLimiter()?.hit(clientAddress);
  if (verdict && !verdict.ok) {
    const seconds = verdict.retryAfterSeconds;
    const error = contractError('too-many-requests', [{ path: [], code: 'too-many-requests', params: { seconds } }], language);
    return json(error, 429, { 'retry-after': String(seconds) });
  }
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    return json(contractError('invalid-input', [{ path: [], code: 'content-type', params: {} }], language), 415);
  }
  let text: string;
  try {
    text = await readLimited(request);
  } catch (e) {
    if (e instanceof BodyTooLarge)
      return json(contractError('body-too-large', [{ path: [], code: 'body-too-large', params: {} }], language), 413);
    throw e;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return json(contractError('invalid-json', [{ path: [], code: 'invalid-json', params: {} }], language), 400);
  }
  const answer = requestedLanguage(input, headerLanguage);
  let r: ReturnType<typeof runCheck>;
  try {
    r = runCheck(input, getRulebook(), { language: headerLanguage, today: siteToday(), computedAt: new Date().toISOString() });
  } catch (e) {
    // A fault of ours: logged here, and the caller gets the error JSON without a stack trace.
    console.error(e);
    return json(contractError('internal-error', [{ path: [], code: 'internal-error', params: {} }], answer), 500);
  }
  if (!r.ok) return json(r.error, 400, { 'content-language': answer });
  return json(r.result, 200, { 'content-language': answer });
};

export const ALL: APIRoute = () => methodNotAllowed('POST');
