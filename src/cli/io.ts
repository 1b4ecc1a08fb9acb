/** Small helpers for the command line: read a file or standard input, write JSON. */
import { readFileSync } from 'node:fs';

/** The file's text; a UTF-8 byte order mark (Windows tools write one) is dropped, as the API does. */
export function readInput(file: string): string {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function writeJson(value: unknown, pretty = true): void {
  process.stdout.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}
