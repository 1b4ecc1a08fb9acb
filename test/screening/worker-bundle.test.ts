/**
 * Worker entries bundled to one JavaScript file (src/screening/worker-bundle.ts): the bundle behaves as the
 * TypeScript it came from, is made once, and is made again when any file it came from changes.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledWorker } from '../../src/screening/worker-bundle.ts';

// A name of its own, so runs of this test never share a manifest with the screening worker's.
const name = `bundle-test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'rondkomen-bundle-'));
const made: string[] = [];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const f of made) rmSync(f, { force: true });
  rmSync(join(fileURLToPath(new URL('../../node_modules/.cache/rondkomen/', import.meta.url)), `${name}.bundle.json`), { force: true });
});

const entry = pathToFileURL(join(dir, `${name}.ts`));
const greeting = join(dir, 'greeting.ts');

writeFileSync(
  entry,
  `import { parentPort, workerData } from 'node:worker_threads';
import { greet } from './greeting.ts';
parentPort!.postMessage(greet(workerData as string));
`,
);

function setGreeting(word: string): void {
  writeFileSync(greeting, `export function greet(who: string): string {\n  return \`${word}, \${who}\`;\n}\n`);
}

async function reply(url: URL): Promise<unknown> {
  const worker = new Worker(url, { workerData: 'Amira' });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('bundled worker entries', () => {
  it('run as the TypeScript they came from, from one .mjs file in the cache', async () => {
    setGreeting('Hallo');
    const url = await bundledWorker(entry);
    made.push(fileURLToPath(url));
    expect(url.pathname).toMatch(new RegExp(`/node_modules/\\.cache/rondkomen/${name}-[0-9a-f]{16}\\.mjs$`));
    expect(await reply(url)).toBe('Hallo, Amira');
    expect(await reply(entry)).toBe('Hallo, Amira');
  });

  it('are made once while nothing changes', async () => {
    setGreeting('Hallo');
    const first = await bundledWorker(entry);
    const written = statSync(first).mtimeMs;
    const again = await bundledWorker(entry);
    expect(again.href).toBe(first.href);
    expect(statSync(again).mtimeMs).toBe(written);
  });

  it('are made again when a file they import changes', async () => {
    setGreeting('Hallo');
    const before = await bundledWorker(entry);
    setGreeting('Goedemorgen');
    const after = await bundledWorker(entry);
    made.push(fileURLToPath(after));
    expect(existsSync(before)).toBe(false);
    expect(after.href).not.toBe(before.href);
    expect(await reply(after)).toBe('Goedemorgen, Amira');
  });

  it('fall back to the TypeScript entry when esbuild cannot bundle it', async () => {
    const broken = pathToFileURL(join(dir, `${name}-broken.ts`));
    writeFileSync(broken, `import { nothing } from './not-there.ts';\nconsole.log(nothing);\n`);
    expect((await bundledWorker(broken)).href).toBe(broken.href);
  });
});
