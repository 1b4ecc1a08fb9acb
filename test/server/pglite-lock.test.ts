/**
 * One process per embedded data folder (review of December 2026, §6): while one process has a
 * PGlite folder open, `npm run worker` and the `admin` command on the same folder are refused at once
 * with a message that says what to do, and the folder stays usable; a lock left by a killed process
 * is taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/client.ts';
import { DataFolderInUse } from '../../src/server/db/lock.ts';
import { staff } from '../../src/server/db/schema.ts';

const root = new URL('../..', import.meta.url).pathname;
const base = mkdtempSync(join(tmpdir(), 'rondkomen-lock-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Runs a command of the project on `dir`; its exit code, output and how long it took. */
function run(args: string[], dir: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

describe('an embedded data folder', () => {
  it('refuses the worker and the admin command while another process has the folder open', async () => {
    const dir = join(base, 'in-use');
    const db = await openDatabase({ dir });
    try {
      await db.db.insert(staff).values({ email: 'a@gemeente.example', name: 'A', passwordHash: 'x' });
      for (const args of [['src/cli/worker.ts'], ['src/cli/main.ts', 'admin', 'list']]) {
        const r = await run(args, dir);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.output).toContain(`Another Rondkomen process (pid ${process.pid}) is using the data folder ${dir}`);
        expect(r.output).toContain('DATABASE_URL');
        expect(r.output).not.toMatch(/running on pglite|at .*\.ts:\d+/);
      }
      // The folder is as it was, and still in use by its owner.
      expect((await db.db.select().from(staff)).map((x) => x.email)).toEqual(['a@gemeente.example']);
      await expect(openDatabase({ dir })).rejects.toBeInstanceOf(DataFolderInUse);
    } finally {
      await db.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
    // Closed, it opens again, with what was written.
    const again = await openDatabase({ dir });
    expect((await again.db.select().from(staff)).map((x) => x.email)).toEqual(['a@gemeente.example']);
    await again.close();
  }, 180_000);

  it('takes over the lock of a process that is gone', async () => {
    const dir = join(base, 'stale');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${dir}.lock`, `${gone}\n${(await import('node:os')).hostname()}\n`);
    const db = await openDatabase({ dir });
    expect(readFileSync(`${dir}.lock`, 'utf8').split('\n')[0]).toBe(String(process.pid));
    await db.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  }, 60_000);
});
