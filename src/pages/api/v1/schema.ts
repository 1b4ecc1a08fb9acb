/** GET /api/v1/schema: the JSON Schema of the check's household input, generated from the zod schema. */
import type { APIRoute } from 'astro';
import { householdJsonSchema } from '../../../contract/household.ts';
import { json } from '../../../server/http/json.ts';

export const prerender = false;

const schema = householdJsonSchema();

export const GET: APIRoute = () => json(schema, 200, { 'cache-control': 'public, max-age=3600' });
