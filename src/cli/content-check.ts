/** `npm run content:check`: validates every file in content/ and prints a summary or the problems. */
import { calendarStatus } from '../content/calendar-status.ts';
import { ContentError, loadRulebook } from '../content/load.ts';
import { loadOrganisations } from '../content/organisations.ts';
import { loadPaymentDates, schemeIds } from '../content/payment-dates.ts';
import { siteToday } from '../site/today.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function contentCheck(dir?: string): number {
  try {
    const rb = loadRulebook(dir);
    const organisations = loadOrganisations(new Set(Object.keys(rb.municipalities)), dir);
    const schemes = Object.values(rb.municipalities).reduce((n, m) => n + m.schemes.length, 0);
    const payments = loadPaymentDates(schemeIds(rb), dir);
    process.stdout.write(
      `content OK: ${Object.keys(rb.parameters).length} parameters, ${Object.keys(rb.schemes).length} schemes, ` +
        `${Object.keys(rb.municipalities).length} municipalities with ${schemes} schemes, ` +
        `${Object.keys(organisations).length} partner organisations, local tax tariffs for ${Object.keys(rb.localTaxes).length} municipalities; ` +
        `version ${rb.version}\n`,
    );
    const published = payments.payers.reduce((n, p) => n + p.published.length, 0);
    process.stdout.write(
      `payment dates ${payments.from} to ${payments.to}: ${payments.payers.length} payers (${published} published days; ` +
        `${
          payments.payers
            .filter((p) => p.provisional)
            .map((p) => p.id)
            .join(', ') || 'none'
        } by their rule only), ` +
        `${payments.deadlines.length} deadlines\n`,
    );
    if (payments.to < rb.validTo) process.stdout.write(`payment dates end on ${payments.to}, before the rules (${rb.validTo})\n`);
    const contacts = Object.values(rb.contacts);
    const places = Object.values(rb.places).filter((p) => p.to === undefined).length;
    if (contacts.length > 0) {
      process.stdout.write(
        `where to ask: ${contacts.length} of ${places} municipalities (register of organisations read ${contacts[0]!.retrieved}; npm run content:contacts refreshes it)\n`,
      );
    }
    const today = siteToday();
    const status = calendarStatus(rb, today);
    process.stdout.write(
      status.daysLeft >= 0
        ? `rules cover ${rb.validFrom} to ${rb.validTo}: ${status.daysLeft} days left (today is ${today})\n`
        : `rules ENDED on ${rb.validTo}, ${-status.daysLeft} days ago: checks without a date use ${rb.validTo} (today is ${today})\n`,
    );
    if (status.due.length > 0) {
      process.stdout.write(`${status.provisional} provisional values await ${status.due.length} documents:\n`);
      for (const d of status.due) {
        const months = d.document.months.map((m) => MONTHS[m - 1]).join('/');
        process.stdout.write(
          `  ${d.document.id.padEnd(28)} ${String(d.parameters.length).padStart(3)} values  usually ${months}  ${d.document.title}\n`,
        );
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof ContentError) {
      process.stdout.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
