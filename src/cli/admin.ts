/**
 * `npm run --silent cli -- admin <command>`: staff accounts from the command line, for the first
 * admin of a municipality and for emergencies (the only admin locked out). With embedded PGlite the
 * site must be stopped first (one process per data directory); with PostgreSQL it can run alongside.
 *
 *   admin create --email E --name N --municipality GMxxxx [--role admin|caseworker|viewer] [--password-stdin]
 *   admin unlock --email E
 *   admin reset-password --email E
 *   admin list [--municipality GMxxxx]
 *   admin demo --municipality GMxxxx     example residents for trying the console (never in production)
 *
 * Without --password-stdin a temporary password is printed once; it must be changed at the first login.
 */
import { eq } from 'drizzle-orm';
import type { Rulebook } from '../engine/rulebook.ts';
import { closeServices, openServices } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import { exitIfFolderInUse } from '../server/db/lock.ts';
import { staff, staffMemberships, STAFF_ROLES } from '../server/db/schema.ts';
import { addStaff, listStaff, normaliseEmail, resetPassword, unlock } from '../server/staff/accounts.ts';
import { passwordProblem } from '../server/staff/passwords.ts';
import type { Services } from '../server/services.ts';

const USAGE = `usage: npm run --silent cli -- admin <command>
  create --email E --name N --municipality GMxxxx [--role ${STAFF_ROLES.join('|')}] [--password-stdin]
  unlock --email E
  reset-password --email E
  list [--municipality GMxxxx]
  demo --municipality GMxxxx      example residents to try the console (not in production)
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function memberOf(s: Services, email: string): Promise<{ id: string; municipality: string } | undefined> {
  const [row] = await s.database.db
    .select({ id: staff.id, municipality: staffMemberships.municipality })
    .from(staff)
    .innerJoin(staffMemberships, eq(staffMemberships.staffId, staff.id))
    .where(eq(staff.email, normaliseEmail(email)));
  return row;
}

async function run(s: Services, command: string | undefined, args: string[]): Promise<number> {
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const fail = (line: string): number => {
    process.stderr.write(`${line}\n`);
    return 2;
  };
  switch (command) {
    case 'create': {
      const email = option(args, 'email');
      const name = option(args, 'name');
      const municipality = option(args, 'municipality');
      const role = option(args, 'role') ?? 'admin';
      if (!email || !name || !municipality) return fail(USAGE);
      if (!s.rulebook.places[municipality]) return fail(`unknown municipality code ${municipality} (use the CBS code, for example GM0106)`);
      let password: string | undefined;
      if (args.includes('--password-stdin')) {
        password = await readStdin();
        const problem = passwordProblem(password, { email, name });
        if (problem) return fail(`password refused: ${problem} (at least 12 characters, not your name, not a common password)`);
      }
      const r = await addStaff(s, municipality, { email, name, role, password });
      if (!r.ok)
        return fail(r.reason === 'already-member' ? `${email} already works in ${municipality}` : `invalid: ${r.fields.join(', ')}`);
      out(
        `${r.existing ? 'added' : 'created'} ${role} ${normaliseEmail(email)} for ${s.rulebook.places[municipality]!.name} (${municipality})`,
      );
      if (r.temporaryPassword) out(`temporary password (shown once, change it at the first login): ${r.temporaryPassword}`);
      return 0;
    }
    case 'unlock':
    case 'reset-password': {
      const email = option(args, 'email');
      if (!email) return fail(USAGE);
      const member = await memberOf(s, email);
      if (!member) return fail(`no staff account ${email}`);
      if (command === 'unlock') {
        await unlock(s, { id: null, municipality: member.municipality }, member.id);
        out(`unlocked ${normaliseEmail(email)}`);
      } else {
        const r = await resetPassword(s, { id: null, municipality: member.municipality }, member.id);
        out(`temporary password for ${normaliseEmail(email)} (shown once, change it at the first login): ${r.password}`);
      }
      return 0;
    }
    case 'list': {
      const municipality = option(args, 'municipality');
      const codes = municipality
        ? [municipality]
        : [...new Set((await s.database.db.select({ m: staffMemberships.municipality }).from(staffMemberships)).map((r) => r.m))].sort();
      for (const code of codes) {
        for (const m of await listStaff(s.database.db, code)) {
          const state = m.disabledAt ? 'disabled' : m.lockedUntil && m.lockedUntil > s.now() ? 'locked' : 'active';
          out(`${code}\t${m.role}\t${m.email}\t${m.name}\t${state}`);
        }
      }
      return 0;
    }
    case 'demo': {
      const municipality = option(args, 'municipality');
      if (!municipality || !s.rulebook.places[municipality]) return fail(USAGE);
      if (s.config.production) return fail('demo residents are for trying the console, not for production');
      const { seedDemoResidents } = await import('../server/worklist/demo.ts');
      const n = await seedDemoResidents(s, municipality);
      out(`created ${n} example residents in ${s.rulebook.places[municipality]!.name}`);
      return 0;
    }
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

export async function adminCommand(args: string[], rulebook: Rulebook): Promise<number> {
  const s = await openServices(rulebook, readConfig(), { workers: false }).catch(exitIfFolderInUse);
  try {
    return await run(s, args[0], args.slice(1));
  } finally {
    await closeServices(s);
  }
}
