/**
 * The OpenAPI 3.1 document of the public API (`GET /api/v1/openapi.json`), generated from the zod
 * schemas of the contract: the household (household.ts), the result and the errors (result-schema.ts).
 * It follows the Dutch API Design Rules where they fit (version in the URI and in an `API-Version`
 * header, OpenAPI at `openapi.json`, an operationId, contact and licence on every document); where v1
 * differs (errors are not `application/problem+json`), docs/contract/check-v1.md says why.
 */
import { z } from 'zod';
import { householdJsonSchema, householdSchema, LANGUAGES } from './household.ts';
import { contractErrorSchema, publicResultSchema } from './result-schema.ts';

/** The version of the public API: major in the URI, the whole of it in the `API-Version` header. 1.1 added `ledger` and the `why` fields. */
export const API_VERSION = '1.1.0';

type JsonObject = Record<string, unknown>;

/** A zod schema as a JSON Schema (2020-12, the dialect of OpenAPI 3.1) for a component: open objects, no `$schema`. */
function component(schema: z.ZodType): JsonObject {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonObject;
  delete out['$schema'];
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const versionHeader = { 'API-Version': { $ref: '#/components/headers/API-Version' } };

function jsonResponse(description: string, schema: JsonObject, headers: JsonObject = versionHeader): JsonObject {
  return { description, headers, content: { 'application/json': { schema } } };
}

const error = (description: string) => ({ $ref: `#/components/responses/${description}` });

/**
 * The OpenAPI document. With the site's public URL (PUBLIC_URL) the server and contact are absolute,
 * else relative; `contactEmail` (RONDKOMEN_API_CONTACT) is the address API users write to.
 */
export function openApiDocument(publicUrl?: string, contactEmail?: string): JsonObject {
  const site = (publicUrl ?? '').replace(/\/$/, '');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rondkomen API',
      version: API_VERSION,
      summary: 'Which income support a Dutch household can get, with reasons and legal sources.',
      description:
        'One household in, every scheme with status, amount, reasons (each with its legal source) and a receipt out. ' +
        'Money is in euros with at most two decimals; dates are `YYYY-MM-DD`. Texts are in the requested language ' +
        '(`language` in the body, else `Accept-Language`, else Dutch). Version 1 only adds optional fields: ignore the ones ' +
        'you do not know. The contract in words: `docs/contract/check-v1.md` in the source.',
      // A contact URL must be absolute (OpenAPI: format uri): without a public URL the document names none.
      contact: { name: 'Rondkomen', ...(site ? { url: `${site}/` } : {}), ...(contactEmail ? { email: contactEmail } : {}) },
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: `${site}/api/v1`, description: 'This server' }],
    tags: [
      { name: 'check', description: 'The check of one household' },
      { name: 'description', description: 'Descriptions of the API itself' },
    ],
    paths: {
      '/check': { post: checkOperation() },
      '/schema': {
        get: {
          operationId: 'householdSchema',
          tags: ['description'],
          summary: 'The JSON Schema of the household input',
          description: 'The input of `POST /check` as a JSON Schema (draft 2020-12), for clients that validate before they send.',
          responses: {
            '200': jsonResponse('JSON Schema (draft 2020-12) of the household.', {
              type: 'object',
              description: 'A JSON Schema document.',
            }),
            '405': error('MethodNotAllowed'),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApiDocument',
          tags: ['description'],
          summary: 'This document',
          description: 'The OpenAPI 3.1 document of this API, at the base URI in JSON (Dutch API Design Rules, /core/publish-openapi).',
          responses: {
            '200': jsonResponse('The OpenAPI 3.1 document of the API.', { type: 'object', description: 'An OpenAPI document.' }),
            '405': error('MethodNotAllowed'),
          },
        },
      },
    },
    components: components(),
  };
}

/** `POST /check`: one household in, its result out, or one of the errors. */
function checkOperation(): JsonObject {
  return {
    operationId: 'check',
    tags: ['check'],
    summary: 'Check one household',
    description:
      'Runs the check for one household on its reference date (today when not given). Every reason carries its ' +
      "legal basis, or says it is Rondkomen's own estimate.",
    parameters: [
      {
        name: 'Accept-Language',
        in: 'header',
        required: false,
        description: 'The language of texts and error messages when the body names none (nl, en, ar, tr, pl, uk).',
        schema: { type: 'string' },
      },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: ref('Household') } } },
    responses: {
      '200': jsonResponse('The result.', ref('Result'), {
        ...versionHeader,
        'Content-Language': { $ref: '#/components/headers/Content-Language' },
      }),
      '400': error('InvalidInput'),
      '405': error('MethodNotAllowed'),
      '413': error('BodyTooLarge'),
      '415': error('UnsupportedMediaType'),
      '429': error('TooManyRequests'),
      '500': error('InternalError'),
    },
  };
}

/** The schemas from the contract's zod schemas, and the headers and error responses the paths refer to. */
function components(): JsonObject {
  return {
    schemas: {
      Household: { ...component(householdSchema), title: householdJsonSchema().title },
      Result: component(publicResultSchema),
      Error: component(contractErrorSchema),
    },
    headers: {
      'API-Version': { description: 'The full version of the API.', schema: { type: 'string', example: API_VERSION } },
      'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer', minimum: 1 } },
      'Content-Language': {
        description: 'The language of the texts.',
        schema: { type: 'string', enum: [...LANGUAGES] },
      },
    },
    responses: {
      InvalidInput: jsonResponse(
        'Invalid input: not JSON (`invalid-json`), not a valid household (`invalid-input`, one issue per problem, at most 50 and one ' +
          'that counts the rest), or no rules for the date (`no-rules`).',
        ref('Error'),
      ),
      MethodNotAllowed: jsonResponse(
        'The method is not allowed here (`method-not-allowed`); `Allow` lists the ones that are.',
        ref('Error'),
      ),
      BodyTooLarge: jsonResponse('The body is over 64 KiB (`body-too-large`).', ref('Error')),
      UnsupportedMediaType: jsonResponse(
        'The body is not JSON by its Content-Type (`invalid-input` with issue `content-type`).',
        ref('Error'),
      ),
      TooManyRequests: jsonResponse(
        'More requests from this client in this minute than the deployment allows (`too-many-requests`; only when ' +
          'RONDKOMEN_API_RATE_LIMIT is set). `Retry-After` says how many seconds to wait.',
        ref('Error'),
        { ...versionHeader, 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
      ),
      InternalError: jsonResponse('A fault of ours (`internal-error`), with a plain message and never a stack trace.', ref('Error')),
    },
  };
}
