/** Small helpers for the command line: read a file or standard input, write JSON. */
import { readFileSync } from 'node:fs';

export function readInput(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

export function writeJson(value: unknown, pretty = true): void {
  process.stdout.write(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}
