/**
 * The rulebook cache (src/content/cache.ts): a miss compiles content/ in a thread of its own and
 * gives the same rulebook as compiling here, and writes the cache file a hit then reads; broken
 * content fails with every problem, as without the cache.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRulebookCached, loadRulebookTextCached } from '../../src/content/cache.ts';
import { ContentError, loadRulebook } from '../../src/content/load.ts';

const cacheDir = new URL('../../node_modules/.cache/rondkomen/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'rondkomen-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cacheFiles = (): string[] => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.json')) : []);

describe('the rulebook cache', () => {
  it('compiles content new to it in a thread of its own, the same as compiling here, and keeps it', async () => {
    // A copy of content/ with one more comment: a new content hash, so a cache miss.
    const dir = join(work, 'content');
    cpSync(new URL('../../content/', import.meta.url).pathname, dir, { recursive: true });
    appendFileSync(join(dir, 'rulebook.yaml'), `\n# cache test ${Date.now()}\n`);
    const before = new Set(cacheFiles());

    const compiled = await loadRulebookCached(dir);
    expect(compiled).toEqual(loadRulebook(dir));
    const written = cacheFiles().filter((f) => !before.has(f));
    expect(written).toHaveLength(1);

    // A hit reads the file the miss wrote, and writes nothing new.
    expect(await loadRulebookCached(dir)).toEqual(compiled);
    expect(cacheFiles().filter((f) => !before.has(f))).toEqual(written);
    rmSync(join(cacheDir, written[0]!));
  });

  it('gives batch screening the same rulebook as JSON text, and compiles again over a file cut short', async () => {
    const dir = join(work, 'content-text');
    cpSync(new URL('../../content/', import.meta.url).pathname, dir, { recursive: true });
    appendFileSync(join(dir, 'rulebook.yaml'), `\n# cache text test ${Date.now()}\n`);
    const before = new Set(cacheFiles());
    const text = await loadRulebookTextCached(dir);
    expect(JSON.parse(text)).toEqual(loadRulebook(dir));
    const [file] = cacheFiles().filter((f) => !before.has(f));
    expect(readFileSync(join(cacheDir, file!), 'utf8')).toBe(text);

    writeFileSync(join(cacheDir, file!), text.slice(0, 1000));
    expect(await loadRulebookTextCached(dir)).toBe(text);
    expect(readFileSync(join(cacheDir, file!), 'utf8')).toBe(text);
    rmSync(join(cacheDir, file!));
  });

  it('fails on broken content with every problem, as compiling without the cache does', async () => {
    const broken = new URL('./fixtures/broken/', import.meta.url).pathname;
    const error = await loadRulebookCached(broken).then(
      () => expect.unreachable('the broken fixture must not load'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    const direct = (() => {
      try {
        loadRulebook(broken);
      } catch (e) {
        return e as ContentError;
      }
      throw new Error('the broken fixture loaded');
    })();
    expect((error as ContentError).problems).toEqual(direct.problems);
    expect((error as ContentError).problems.join('\n')).toContain('parameters/example/gap.yaml: gap between 2025-06-30 and 2025-08-01');
  });
});
