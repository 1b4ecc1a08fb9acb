/**
 * One process per embedded data folder. PGlite is PostgreSQL inside the process: a second process on
 * the same folder (the site and `npm run worker`, or an `admin` command while the site runs) does not
 * see the first one's writes, and the two can leave the folder unopenable (review of December 2026,
 * §6). So the folder gets a lock file beside it, `<folder>.lock`, made with O_EXCL and holding the
 * owner's process id; a second process is refused at once with what to do. A lock whose process is
 * gone (a crash, `kill -9`) is stale and taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

export class DataFolderInUse extends Error {
  readonly folder: string;
  readonly pid: number;

  constructor(folder: string, pid: number) {
    super(
      `Another Rondkomen process (pid ${pid}) is using the data folder ${folder}. Embedded mode (PGlite) allows one process ` +
        'per data folder: stop the site (or that process) first and run this again, or run the site, the workers and admin ' +
        'commands side by side on PostgreSQL (set DATABASE_URL).',
    );
    this.name = 'DataFolderInUse';
    this.folder = folder;
    this.pid = pid;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function owner(path: string): { pid: number; host: string } | undefined {
  try {
    const [pid, host] = readFileSync(path, 'utf8').split('\n');
    const n = Number(pid);
    return Number.isInteger(n) && n > 0 ? { pid: n, host: host ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of `folder` for this process; returns its release. Throws DataFolderInUse. */
export function lockDataFolder(folder: string): () => void {
  const path = `${resolve(folder).replace(/\/+$/, '')}.lock`;
  const mine = `${process.pid}\n${hostname()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, mine);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
      const current = owner(path);
      // Another host's process cannot be checked from here: treat it as alive.
      if (current && (current.pid === process.pid || current.host !== hostname() || alive(current.pid)))
        throw new DataFolderInUse(resolve(folder), current.pid);
      // Stale (its process is gone) or half-written: take it over.
      try {
        unlinkSync(path);
      } catch {
        // Someone else took it over first; the next attempt sees theirs.
      }
    }
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return release;
}

/** For the commands' entry points: a folder in use ends the process with the message alone (no stack trace). */
export function exitIfFolderInUse(e: unknown): never {
  if (e instanceof DataFolderInUse) {
    process.stderr.write(`rondkomen: ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
