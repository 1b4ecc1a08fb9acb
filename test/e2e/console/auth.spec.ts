/**
 * Staff login in Chromium: the login page before anything else, a session cookie that scripts cannot
 * read and other sites cannot send, logout, the lockout after five wrong passwords (the same words
 * for an unknown address), a temporary password that must be changed first, and forms that only
 * count when they come from the console itself.
 */
import { expect, test } from '@playwright/test';
import { c, csrfOf, login, PASSWORD, seedStaff, startConsole, type Console } from './support.ts';

test.describe.configure({ mode: 'serial' });

let con: Console;
test.beforeAll(async () => {
  con = await startConsole();
});
test.afterAll(async () => {
  await con?.stop();
});

test('asks for a login first, then logs in, keeps the session in a strict cookie, and logs out', async ({ page, context }) => {
  const admin = await seedStaff(con.s, 'GM0106', 'admin');
  await page.goto(`${con.base}/beheer/werklijst?status=new`);
  await expect(page).toHaveURL(/\/beheer\/inloggen\?terug=/);
  await expect(page.getByRole('status')).toHaveText(c('login.needed'));
  await page.getByLabel(c('login.email')).fill(admin.email);
  await page.getByLabel(c('login.password'), { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: c('login.submit') }).click();
  await expect(page).toHaveURL(`${con.base}/beheer/werklijst?status=new`);
  await expect(page.getByRole('heading', { level: 1, name: c('worklist.title') })).toBeVisible();
  const [cookie] = (await context.cookies()).filter((x) => x.name === 'rondkomen-beheer');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await page.evaluate(() => document.cookie).catch(() => '')).not.toContain('rondkomen-beheer');

  await page.getByRole('button', { name: c('layout.logout') }).click();
  await expect(page).toHaveURL(/\/beheer\/inloggen\?klaar=uitgelogd/);
  await expect(page.getByRole('status')).toHaveText(c('login.loggedOut'));
  expect((await context.cookies()).filter((x) => x.name === 'rondkomen-beheer' && x.value)).toEqual([]);
  await page.goto(`${con.base}/beheer`);
  await expect(page).toHaveURL(/\/beheer\/inloggen/);
});

test('locks an account after five wrong passwords, and says the same for an unknown address', async ({ page }) => {
  const caseworker = await seedStaff(con.s, 'GM0106', 'caseworker');
  const attempt = async (email: string, password: string): Promise<void> => {
    await page.goto(`${con.base}/beheer/inloggen`);
    await page.getByLabel(c('login.email')).fill(email);
    await page.getByLabel(c('login.password'), { exact: true }).fill(password);
    await page.getByRole('button', { name: c('login.submit') }).click();
  };
  for (let i = 0; i < 4; i++) {
    await attempt(caseworker.email, `fout wachtwoord ${i}`);
    await expect(page.getByRole('alert')).toContainText(c('login.invalid'));
    await expect(page).toHaveTitle(/^Fout: /);
  }
  await attempt('bestaat.niet@gemeente.example', 'fout wachtwoord');
  await expect(page.getByRole('alert')).toContainText(c('login.invalid'));
  await attempt(caseworker.email, 'fout wachtwoord 5');
  await expect(page.getByRole('alert')).toContainText(c('login.locked', { minutes: 15 }));
  // Locked: the right password does not open it either.
  await attempt(caseworker.email, PASSWORD);
  await expect(page.getByRole('alert')).toContainText(c('login.locked', { minutes: 15 }));
  await expect(page).toHaveURL(/inloggen/);

  // An admin opens the account again.
  const admin = await seedStaff(con.s, 'GM0106', 'admin');
  await login(page, con.base, admin);
  await page.goto(`${con.base}/beheer/medewerkers/${caseworker.id}`);
  await expect(page.getByText(/Op slot tot/)).toBeVisible();
  await page.getByRole('button', { name: c('staff.unlock') }).click();
  await expect(page.getByRole('status')).toHaveText(c('notices.unlocked'));
  await page.getByRole('button', { name: c('layout.logout') }).click();
  await login(page, con.base, caseworker);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Welkom/);
});

test('makes a new member of staff choose a password before anything else', async ({ page }) => {
  const admin = await seedStaff(con.s, 'GM0106', 'admin');
  await login(page, con.base, admin);
  await page.goto(`${con.base}/beheer/medewerkers`);
  await page.getByLabel(c('staff.name')).fill('Nina Nieuw');
  await page.getByLabel(c('staff.email')).fill('nina.nieuw@gemeente.example');
  await page.getByLabel(c('staff.role')).selectOption('caseworker');
  await page.getByRole('button', { name: c('staff.submit') }).click();
  const temporary = (await page.locator('#temporary-password').textContent())!.trim();
  expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expect(page.getByRole('row', { name: /Nina Nieuw/ })).toContainText(c('staff.state.invited'));
  await page.getByRole('button', { name: c('layout.logout') }).click();

  await login(page, con.base, { email: 'nina.nieuw@gemeente.example' }, temporary);
  await expect(page).toHaveURL(`${con.base}/beheer/account`);
  await expect(page.getByRole('status')).toHaveText(c('account.mustChange'));
  await expect(page.getByRole('navigation', { name: c('layout.navLabel') })).toHaveCount(0);
  await page.goto(`${con.base}/beheer/werklijst`);
  await expect(page).toHaveURL(`${con.base}/beheer/account`);
  await page.getByLabel(c('account.current')).fill(temporary);
  await page.getByLabel(c('account.new'), { exact: true }).fill('kort');
  await page.getByLabel(c('account.repeat')).fill('kort');
  await page.getByRole('button', { name: c('account.savePassword') }).click();
  await expect(page.getByRole('alert')).toContainText(c('account.problems.too-short', { min: 12 }));
  await page.getByLabel(c('account.current')).fill(temporary);
  await page.getByLabel(c('account.new'), { exact: true }).fill('mijn eigen lange wachtzin');
  await page.getByLabel(c('account.repeat')).fill('mijn eigen lange wachtzin');
  await page.getByRole('button', { name: c('account.savePassword') }).click();
  await expect(page).toHaveURL(`${con.base}/beheer?klaar=password-changed`);
  await expect(page.getByRole('status')).toHaveText(c('notices.password-changed'));
  await expect(page.getByRole('navigation', { name: c('layout.navLabel') })).toBeVisible();
});

test('refuses forms from another site and forms without the session token', async ({ page }) => {
  const admin = await seedStaff(con.s, 'GM0106', 'admin');
  await login(page, con.base, admin);
  await page.goto(`${con.base}/beheer/account`);
  const csrf = await csrfOf(page);
  const cross = await page.request.post(`${con.base}/beheer/account`, {
    form: { _csrf: csrf, _action: 'sessions' },
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(cross.status()).toBe(403);
  const noToken = await page.request.post(`${con.base}/beheer/account`, {
    form: { _action: 'sessions' },
    headers: { origin: con.base },
    maxRedirects: 0,
  });
  expect(noToken.status()).toBe(403);
  const wrongToken = await page.request.post(`${con.base}/beheer/account`, {
    form: { _csrf: 'x'.repeat(43), _action: 'sessions' },
    headers: { origin: con.base },
    maxRedirects: 0,
  });
  expect(wrongToken.status()).toBe(403);
  const good = await page.request.post(`${con.base}/beheer/account`, {
    form: { _csrf: csrf, _action: 'sessions' },
    headers: { origin: con.base },
    maxRedirects: 0,
  });
  expect(good.status()).toBe(303);
  // Every console response is private and framed by nothing.
  const response = await page.request.get(`${con.base}/beheer/werklijst`);
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['x-robots-tag']).toBe('noindex, nofollow');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers()['content-security-policy']).toContain("style-src-attr 'none'");
  expect(response.headers()['content-security-policy']).not.toContain('unsafe-inline');
});
