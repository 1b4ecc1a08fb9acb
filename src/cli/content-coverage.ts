/**
 * `npm run content:coverage [-- --own] [--summary] [--date YYYY-MM-DD]`: a table of every municipality
 * against the schemes the council decides, each `official`, `municipal`, `secondary` (the weakest
 * provenance of the council's own values), `generic` (national rules only) or `none`, with the newest
 * dated value; then the summary. `--own` lists only municipalities with own figures.
 */
import { loadRulebook } from '../content/load.ts';
import { coverage, coverageTable, summaryTable } from '../content/coverage.ts';
import { isIsoDate } from '../engine/dates.ts';
import { siteToday } from '../site/today.ts';

export function coverageCommand(args: readonly string[]): number {
  const i = args.indexOf('--date');
  const date = i >= 0 ? (args[i + 1] ?? '') : siteToday();
  if (!isIsoDate(date)) {
    process.stderr.write(`--date ${date} is not a date (YYYY-MM-DD)\n`);
    return 2;
  }
  const c = coverage(loadRulebook(), date);
  if (!args.includes('--summary')) process.stdout.write(`${coverageTable(c, args.includes('--own'))}\n\n`);
  process.stdout.write(`${summaryTable(c)}\n`);
  return 0;
}
