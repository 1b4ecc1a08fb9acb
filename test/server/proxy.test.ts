/**
 * F5 (issue 15): the production set-up of the README, for real: Debian's nginx in front of the
 * built server, ending TLS with a throwaway certificate and passing X-Forwarded-For and
 * X-Forwarded-Proto. With RONDKOMEN_TRUSTED_PROXY naming the proxy, every resident has their own
 * rate-limit budget, a client cannot pick its address by sending the header itself, and HTTPS
 * answers carry HSTS. (`apt-get install -y nginx-light openssl`; .ci/run installs them.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAnswers } from '../../src/site/examples.ts';
import { freePort, startServer, type RunningServer } from '../support/server.ts';

const NGINX = '/usr/sbin/nginx';
const answers = JSON.stringify(exampleAnswers('alleenstaande-moeder-assen'));

let app: RunningServer;
let nginx: ChildProcess;
let dir: string;
let httpsPort: number;
let httpPort: number;

async function startNginx(appPort: number): Promise<void> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx-light (.ci/run installs it)`);
  dir = mkdtempSync(join(tmpdir(), 'rondkomen-nginx-'));
  chmodSync(dir, 0o755);
  const cert = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    { encoding: 'utf8' },
  );
  if (cert.status !== 0) throw new Error(`openssl: ${cert.stderr}`);
  httpsPort = await freePort();
  httpPort = await freePort();
  const location = `
      location / {
        proxy_pass http://127.0.0.1:${appPort};
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
      }`;
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 128; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  server {
    listen 127.0.0.1:${httpsPort} ssl;
    ssl_certificate ${join(dir, 'cert.pem')};
    ssl_certificate_key ${join(dir, 'key.pem')};
    ${location}
  }
  server {
    listen 127.0.0.1:${httpPort};
    ${location}
  }
}
`,
  );
  nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await call('GET', `http://127.0.0.1:${httpPort}/api/v1/schema`);
      if (r.status === 200) return;
    } catch {
      // not yet
    }
    if (nginx.exitCode !== null || Date.now() > deadline) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request from a chosen local address (127.0.0.x), over http or https (the throwaway certificate is accepted). */
function call(
  method: string,
  url: string,
  options: { from?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const u = new URL(url);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        localAddress: options.from ?? '127.0.0.1',
        rejectUnauthorized: false,
        headers: {
          ...(body !== undefined
            ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: u.origin }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  app = await startServer({ RONDKOMEN_TRUSTED_PROXY: '127.0.0.1' });
  await startNginx(Number(new URL(app.url).port));
});
afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    nginx.kill('SIGTERM');
    await new Promise((r) => nginx.once('exit', r));
  }
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ask = (base: string, from: string, email: string, headers: Record<string, string> = {}) =>
  call('POST', `${base}/toestemming`, {
    from,
    form: { _answers: answers, _consent: '1', purpose: 'contact', email },
    headers,
  });

describe('behind nginx, with RONDKOMEN_TRUSTED_PROXY=127.0.0.1', () => {
  it('each resident has their own rate-limit budget; a forwarded header a client writes itself changes nothing', async () => {
    const https = `https://127.0.0.1:${httpsPort}`;
    // Resident A: ten requests an hour (src/server/consent/request.ts), then no more.
    for (let i = 0; i < 10; i++) expect((await ask(https, '127.0.0.31', `a${i}@example.org`)).status).toBe(200);
    expect((await ask(https, '127.0.0.31', 'a10@example.org')).status).toBe(429);
    // Claiming to be someone else, through the proxy: nginx appends A's address, which is the one that counts.
    expect((await ask(https, '127.0.0.31', 'a11@example.org', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    // Resident B, through the same proxy, still has a budget of their own.
    expect((await ask(https, '127.0.0.32', 'b0@example.org')).status).toBe(200);
  });

  it('straight to the server (not through the proxy) forwarded headers are ignored', async () => {
    const direct = app.url;
    for (let i = 0; i < 10; i++)
      expect((await ask(direct, '127.0.0.33', `c${i}@example.org`, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(200);
    expect((await ask(direct, '127.0.0.33', 'c10@example.org', { 'x-forwarded-for': '198.51.100.99' })).status).toBe(429);
    // (127.0.0.1 is the trusted proxy's address; everyone else is not.)
    const spoofed = await call('GET', `${direct}/check`, { from: '127.0.0.33', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('over HTTPS every answer carries HSTS (pages, prerendered pages, files, the API); over plain HTTP none does', async () => {
    for (const path of ['/check', '/', '/privacy', '/favicon.svg', '/api/v1/schema', '/nope']) {
      const secure = await call('GET', `https://127.0.0.1:${httpsPort}${path}`);
      expect(secure.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
      const plain = await call('GET', `http://127.0.0.1:${httpPort}${path}`);
      expect(plain.headers['strict-transport-security'], path).toBeUndefined();
    }
  });

  it('the development outbox stays closed to requests through the proxy', async () => {
    expect((await call('GET', `https://127.0.0.1:${httpsPort}/dev/outbox`)).status).toBe(404);
  });
});
