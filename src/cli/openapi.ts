/**
 * `cli openapi [--example] [--out FILE]`: the OpenAPI document of the public API, as `GET /api/v1/openapi.json`
 * serves it (with PUBLIC_URL and RONDKOMEN_API_CONTACT when set), for clients and for the API linter
 * (`npm run lint:api`, Spectral with the Dutch API Design Rules in .config/spectral.yaml).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openApiDocument } from '../contract/openapi.ts';

/** `--example`: as a deployment with a public URL and a contact address serves it (for the linter), unless those are set. */
const EXAMPLE = { publicUrl: 'https://rondkomen.example.nl', contact: 'api@rondkomen.example.nl' };

export function openApiCommand(args: string[]): number {
  const example = args.includes('--example');
  const publicUrl = process.env.PUBLIC_URL || (example ? EXAMPLE.publicUrl : undefined);
  const contact = process.env.RONDKOMEN_API_CONTACT || (example ? EXAMPLE.contact : undefined);
  const text = `${JSON.stringify(openApiDocument(publicUrl, contact), null, 2)}\n`;
  const at = args.indexOf('--out');
  if (at === -1) {
    process.stdout.write(text);
    return 0;
  }
  const file = args[at + 1];
  if (!file) {
    process.stderr.write('openapi: --out needs a file name\n');
    return 2;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return 0;
}
