/**
 * Screening imports: staff upload households from the municipality's own records, with the legal
 * basis that allows it (for example early warning of payment arrears under the Wgs, or ex officio
 * screening of the municipality's own clients). The file waits in the database until the queue has
 * screened it (run.ts), then only the results and the contact details for letters are kept, until the
 * import expires (SCREENING_RETENTION_DAYS, 30 by default) or staff delete it.
 */
import { and, asc, count, desc, eq, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import { audit } from '../audit/log.ts';
import { LEGAL_BASES, screeningImports, screeningRows, type LegalBasis } from '../db/schema.ts';
import { QUEUES } from '../queue/queues.ts';
import { inTransaction, type Services } from '../services.ts';
import { isUuid } from '../staff/accounts.ts';
import { isIsoDate } from '../staff/dates.ts';
import type { ConsoleUser } from '../staff/sessions.ts';
import { consoleSettings } from '../staff/settings.ts';
import { decodeUpload, detectFormat } from './format.ts';

export type ScreeningImport = typeof screeningImports.$inferSelect;
export type ScreeningRow = typeof screeningRows.$inferSelect;

export function isLegalBasis(value: unknown): value is LegalBasis {
  return typeof value === 'string' && (LEGAL_BASES as readonly string[]).includes(value);
}

export type CreateOutcome = { ok: true; id: string } | { ok: false; fields: string[] };

export async function createImport(
  s: Services,
  user: ConsoleUser,
  input: { fileName: string; bytes: Uint8Array; legalBasis: string; legalReference: string; referenceDate: string },
): Promise<CreateOutcome> {
  const fields: string[] = [];
  const settings = consoleSettings();
  if (!isLegalBasis(input.legalBasis)) fields.push('legalBasis');
  if (input.legalReference.trim().length < 3 || input.legalReference.length > 200) fields.push('legalReference');
  if (!isIsoDate(input.referenceDate) || input.referenceDate < s.rulebook.validFrom || input.referenceDate > s.rulebook.validTo)
    fields.push('referenceDate');
  if (input.bytes.byteLength === 0 || input.bytes.byteLength > settings.screeningMaxBytes) fields.push('file');
  if (fields.length > 0) return { ok: false, fields };
  const text = decodeUpload(input.bytes);
  const fileName = input.fileName.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 120) || 'upload';
  const now = s.now();
  const id = await s.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(screeningImports)
      .values({
        municipality: user.municipality,
        legalBasis: input.legalBasis as LegalBasis,
        legalReference: input.legalReference.trim(),
        fileName,
        format: detectFormat(fileName, text),
        raw: text,
        referenceDate: input.referenceDate,
        createdBy: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + settings.screeningRetentionDays * 86_400_000),
      })
      .returning({ id: screeningImports.id });
    await s.boss.send(QUEUES.screening, { import: row!.id }, { db: fromDrizzle(tx, sql) });
    await audit(tx, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'screening.upload',
      subjectType: 'import',
      subjectId: row!.id,
      details: { legalBasis: input.legalBasis, bytes: input.bytes.byteLength },
    });
    return row!.id;
  });
  return { ok: true, id };
}

/** The imports of the municipality, newest first, without the file itself. */
export async function listImports(s: Services, user: ConsoleUser): Promise<Omit<ScreeningImport, 'raw'>[]> {
  const t = screeningImports;
  return s.database.db
    .select({
      id: t.id,
      municipality: t.municipality,
      legalBasis: t.legalBasis,
      legalReference: t.legalReference,
      fileName: t.fileName,
      format: t.format,
      status: t.status,
      failure: t.failure,
      referenceDate: t.referenceDate,
      rulebookVersion: t.rulebookVersion,
      counts: t.counts,
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      startedAt: t.startedAt,
      finishedAt: t.finishedAt,
      expiresAt: t.expiresAt,
    })
    .from(screeningImports)
    .where(eq(screeningImports.municipality, user.municipality))
    .orderBy(desc(screeningImports.createdAt));
}

export async function getImport(s: Services, user: ConsoleUser, id: string): Promise<ScreeningImport | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await s.database.db
    .select()
    .from(screeningImports)
    .where(and(eq(screeningImports.id, id), eq(screeningImports.municipality, user.municipality)));
  return row;
}

export type RowFilter = 'all' | 'errors' | 'qualifying' | 'ex-officio' | 'letters';

/** Rows of an import (the caller has checked the import belongs to the person's municipality). */
export async function importRows(
  s: Services,
  importId: string,
  filter: RowFilter,
  page?: { offset: number; limit: number },
): Promise<{ rows: ScreeningRow[]; total: number }> {
  const conditions: SQL[] = [eq(screeningRows.importId, importId)];
  if (filter === 'errors') conditions.push(isNotNull(screeningRows.errors));
  if (filter === 'qualifying' || filter === 'letters')
    conditions.push(sql`${screeningRows.result} -> 'schemes' @> '[{"status":"eligible"}]'::jsonb`);
  if (filter === 'ex-officio')
    conditions.push(
      sql`(${screeningRows.result} -> 'schemes' @> '[{"exOfficio":true,"status":"eligible"}]'::jsonb or ${screeningRows.result} -> 'schemes' @> '[{"exOfficio":true,"status":"maybe"}]'::jsonb)`,
    );
  if (filter === 'letters') conditions.push(sql`coalesce(${screeningRows.contact} ->> 'email', '') = ''`);
  const where = and(...conditions);
  const [total] = await s.database.db.select({ n: count() }).from(screeningRows).where(where);
  const query = s.database.db.select().from(screeningRows).where(where).orderBy(asc(screeningRows.line));
  const rows = page ? await query.offset(page.offset).limit(page.limit) : await query;
  return { rows, total: Number(total?.n ?? 0) };
}

/** Deletes an import of the person's municipality with its rows; logged in the same transaction. */
export async function deleteImport(s: Services, user: ConsoleUser, id: string): Promise<boolean> {
  return inTransaction(s, async (tx) => {
    const found = await getImport(tx, user, id);
    if (!found) return false;
    await tx.database.db.delete(screeningImports).where(eq(screeningImports.id, id));
    await audit(tx.database.db, {
      municipality: user.municipality,
      staffId: user.id,
      action: 'screening.delete',
      subjectType: 'import',
      subjectId: id,
    });
    return true;
  });
}

/** Deletes imports past their retention, with their rows; returns how many. */
export async function purgeImports(s: Services): Promise<number> {
  const deleted = await s.database.db
    .delete(screeningImports)
    .where(lt(screeningImports.expiresAt, s.now()))
    .returning({ id: screeningImports.id });
  return deleted.length;
}

/**
 * Whether a scheme in a row's result counts as "likely qualifies": only `eligible`. A `maybe` means
 * the engine lacks something to decide (for kwijtschelding: the local tax bill, unknown for every
 * household), so counting it flagged every household and sent everyone a letter (review of
 * December 2026, §4). Such schemes stay in the result file with their status, but flag nobody.
 */
export function qualifies(status: string): boolean {
  return status === 'eligible';
}
