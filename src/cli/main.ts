#!/usr/bin/env node
/**
 * Rondkomen command line: `npm run --silent cli -- <command> [args]`. Commands load only the modules
 * they need, so batch screening's main thread stays small.
 */
import { loadRulebookCached, loadRulebookTextCached } from '../content/cache.ts';

const USAGE = `usage: npm run --silent cli -- <command>
  check FILE            check one household (JSON; - for standard input)
  screen FILE [--full]  screen many households (NDJSON, one per line with an id)
  screen FILE --events [--until DATE]
                        per household, the coming life events (birthdays that change the rules)
                        and what each changes
  worker                (npm run worker) the queue workers, for PostgreSQL deployments
  content [DIR]         validate content/; how long the rules still cover, which documents are due
  coverage [--own] [--summary] [--date DATE]
                        (npm run content:coverage) municipalities against the schemes the council
                        decides: official, municipal, secondary or generic, and the newest value
  cvdr --municipality GMxxxx [--xml FILE ...] [--out DIR]
                        (npm run content:cvdr) a council's minima regulations from CVDR (or stored
                        XML) into a draft of quoted candidate values, compared with content/
  contacts [--xml FILE] [--date DATE]
                        (npm run content:contacts) where to ask every municipality, from the register
                        of government organisations (downloads its export, or reads a stored copy)
  openapi [--example] [--out FILE]
                        the public API's OpenAPI document (as GET /api/v1/openapi.json serves it;
                        --example: with an example public URL and contact address, for the linter)
  carry-forward --to DATE [DIR]
                        open a new period: amounts not yet published carried forward as provisional
  admin create --email E --name N --municipality GMxxxx [--role R] [--password-stdin]
                        a staff account for the console (/beheer); see \`admin\` for more
`;

const [command, ...args] = process.argv.slice(2);

switch (command) {
  case 'check': {
    const { checkCommand } = await import('./check.ts');
    process.exitCode = checkCommand(args[0], await loadRulebookCached());
    break;
  }
  case 'screen': {
    const { screenCommand } = await import('./screen.ts');
    process.exitCode = await screenCommand(args, await loadRulebookTextCached());
    break;
  }
  case 'content': {
    const { contentCheck } = await import('./content-check.ts');
    process.exitCode = contentCheck(args[0]);
    break;
  }
  case 'coverage': {
    const { coverageCommand } = await import('./content-coverage.ts');
    process.exitCode = coverageCommand(args);
    break;
  }
  case 'cvdr': {
    const { cvdrCommand } = await import('./content-cvdr.ts');
    process.exitCode = await cvdrCommand(args);
    break;
  }
  case 'contacts': {
    const { contactsCommand } = await import('./content-contacts.ts');
    process.exitCode = await contactsCommand(args);
    break;
  }
  case 'openapi': {
    const { openApiCommand } = await import('./openapi.ts');
    process.exitCode = openApiCommand(args);
    break;
  }
  case 'carry-forward': {
    const { carryForwardCommand } = await import('./content-carry-forward.ts');
    process.exitCode = carryForwardCommand(args);
    break;
  }
  case 'admin': {
    const { adminCommand } = await import('./admin.ts');
    process.exitCode = await adminCommand(args, await loadRulebookCached());
    break;
  }
  default:
    process.stderr.write(USAGE);
    process.exitCode = 2;
}
