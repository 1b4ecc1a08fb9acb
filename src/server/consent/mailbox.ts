/**
 * The mailbox an address delivers to, for limits on mail: `Victim+1@Example.org` and
 * `victim@example.org` reach the same person, and at Gmail so do `v.ictim@gmail.com` and
 * `victim@googlemail.com`. Lower case, without a `+tag`, and for Gmail without dots. Only for
 * counting and finding a mailbox's requests; mail always goes to the address as given.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

export function normaliseMailbox(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  const local = address.slice(0, at).split('+')[0]!;
  if (GMAIL.has(domain)) return `${local.replaceAll('.', '')}@gmail.com`;
  return `${local}@${domain}`;
}

/** The same as normaliseMailbox, in SQL, for a column that holds lower-case addresses (consents.email). */
export function mailboxSql(column: AnyColumn | SQL): SQL {
  const local = sql`split_part(split_part(${column}, '@', 1), '+', 1)`;
  const domain = sql`split_part(${column}, '@', 2)`;
  return sql`(case when ${domain} in ('gmail.com', 'googlemail.com') then replace(${local}, '.', '') || '@gmail.com' else ${local} || '@' || ${domain} end)`;
}
