/**
 * A throwaway PostgreSQL cluster with Debian's binaries, on 127.0.0.1 and a free port, for the test
 * runner and the benchmarks. As root it runs as the `postgres` user, because initdb refuses root.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

export interface Cluster {
  url: string;
  stop: () => void;
}

/** A throwaway PostgreSQL cluster. As root it runs as the `postgres` user, because initdb refuses root. */
export async function startCluster(): Promise<Cluster> {
  const pgBin = postgresBin();
  if (!pgBin) {
    throw new Error(
      'PostgreSQL tests need a server: set TEST_DATABASE_URL, or install the PostgreSQL server binaries ' +
        '(Debian: apt-get install -y postgresql). They are never skipped.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'rondkomen-pg-'));
  const asRoot = process.getuid?.() === 0;
  const asUser = (cmd: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', ...cmd]] : [cmd[0]!, cmd.slice(1)]);
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const data = join(dir, 'data');
  const sync = (cmd: string[]): void => {
    const [c, a] = asUser(cmd);
    const r = spawnSync(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.toString()}`);
  };
  sync([join(pgBin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  sync([
    join(pgBin, 'pg_ctl'),
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  sync([join(pgBin, 'createdb'), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'test']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/test`,
    stop: () => {
      const [c, a] = asUser([join(pgBin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
      spawnSync(c, a, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
