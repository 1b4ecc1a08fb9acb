/** PDF downloads in the browser tests: the button's download must be a tagged PDF; its text comes back to check. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';

export interface DownloadedPdf {
  filename: string;
  /** The text of every page (pdftotext -layout), with runs of white space made one space. */
  text: string;
  /** The same, page by page. */
  pages: string[];
}

/** Clicks `button`, saves what it downloads, and checks that it is a tagged PDF of at least one page. */
export async function downloadTaggedPdf(page: Page, button: Locator, name: string): Promise<DownloadedPdf> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = test.info().outputPath(`${name}.pdf`);
  await download.saveAs(path);
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [path]).toString();
  expect(info).toMatch(/Tagged:\s+yes/);
  expect(info).toMatch(/Pages:\s+[1-9]/);
  const raw = execFileSync('pdftotext', ['-layout', path, '-']).toString();
  const pages = raw
    .split('\f')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  return { filename: download.suggestedFilename(), text: raw.replace(/\s+/g, ' '), pages };
}
