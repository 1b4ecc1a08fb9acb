/**
 * The screening job (queue `screening-run`): reads the uploaded file, screens every valid household
 * with the engine's batch screening (src/screening/, worker threads), stores per line the result
 * or its problems, counts the checks for the take-up figures, and removes the file.
 *
 * Runs in the queue worker (from source, not from the site bundle, because batch screening starts
 * worker threads from its own file). A rerun after a crash starts the import again from its file.
 */
import { availableParallelism } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { screen } from '../../screening/screen.ts';
import type { CompactResult } from '../../contract/result.ts';
import { consents, screeningImports, screeningRows, type ScreeningResult } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { safeReason } from '../audit/safe-error.ts';
import { recordChecks } from '../takeup/ledger.ts';
import { listHash } from '../campaigns/segments.ts';
import { parseUpload, type ParsedLine, type LineProblem } from './format.ts';
import { qualifies } from './imports.ts';

const INSERT_BATCH = 500;

type ScreenOutput =
  { id: number; result: CompactResult } | { id: number; error: { code: string; issues: { path: string; message: string }[] } };

export function toScreeningResult(r: CompactResult): ScreeningResult {
  return {
    schemes: r.schemes
      .filter((x) => x.status !== 'not-eligible')
      .map((x) => ({ id: x.id, status: x.status, monthly: x.amount.monthly, yearly: x.amount.yearly, exOfficio: x.exOfficio.possible })),
    disposable: {
      monthly: r.disposableIncome.disposable.monthly,
      norm: r.disposableIncome.norm.monthly,
      status: r.disposableIncome.status,
    },
  };
}

/** Screens households through the engine's batch screening; results by the id each input line carries. */
async function screenAll(
  s: Services,
  households: { id: number; household: Record<string, unknown> }[],
): Promise<Map<number, ScreenOutput>> {
  const out = new Map<number, ScreenOutput>();
  if (households.length === 0) return out;
  let rest = '';
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        if (!line) continue;
        const parsed = JSON.parse(line) as ScreenOutput;
        out.set(parsed.id, parsed);
      }
      done();
    },
  });
  const chunks: string[] = [];
  for (let i = 0; i < households.length; i += 1000) {
    chunks.push(
      households
        .slice(i, i + 1000)
        .map((h) => JSON.stringify({ id: h.id, ...h.household }))
        .join('\n') + '\n',
    );
  }
  // Leave a core for the web process when it runs the workers itself.
  const workers = Math.max(1, Math.min(4, availableParallelism() - (s.config.inlineWorkers ? 1 : 0)));
  await screen(Readable.from(chunks), sink, s.rulebook, { full: false, workers });
  return out;
}

/** A run that has not finished after this long has stopped (a crash); another may take the import over. */
export const STALE_RUN_MS = 10 * 60_000;

/** Claims the import for this run: a queued one, or one whose run stopped long ago; one run at a time. */
async function claimImport(s: Services, importId: string) {
  const now = s.now();
  const [claimed] = await s.database.db
    .update(screeningImports)
    .set({ status: 'running', startedAt: now })
    .where(
      and(
        eq(screeningImports.id, importId),
        isNotNull(screeningImports.raw),
        or(
          eq(screeningImports.status, 'queued'),
          and(eq(screeningImports.status, 'running'), lt(screeningImports.startedAt, new Date(now.getTime() - STALE_RUN_MS))),
        ),
      ),
    )
    .returning();
  return claimed;
}

/** The list hashes of the addresses that confirmed consent to be contacted in this municipality: rows already in the worklist. */
async function knownContacts(s: Services, municipality: string): Promise<Set<string>> {
  const confirmed = await s.database.db
    .select({ email: consents.email })
    .from(consents)
    .where(and(eq(consents.municipality, municipality), eq(consents.purpose, 'contact'), eq(consents.status, 'confirmed')));
  return new Set(confirmed.flatMap((c) => (c.email === null ? [] : [listHash(s, c.email)])));
}

/** Every line of the file as a row to store, with the import's counts and how many rows each scheme flagged. */
function screeningRowsOf(
  s: Services,
  importId: string,
  file: ReturnType<typeof parseUpload>,
  screened: Map<number, ScreenOutput>,
  known: Set<string>,
) {
  const counts = { rows: file.lines.length, errors: 0, qualifying: 0, exOfficio: 0, withoutEmail: 0 };
  const flagged: Record<string, number> = {};
  const rows = file.lines.map((l) => {
    let problems: LineProblem[] | null = 'problems' in l ? l.problems : null;
    let result: ScreeningResult | null = null;
    const out = screened.get(l.line);
    if (out && 'error' in out) problems = out.error.issues.map((i) => ({ path: file.columnOf(l.line, i.path), message: i.message }));
    else if (out) result = toScreeningResult(out.result);
    if (problems) counts.errors++;
    const likely = result?.schemes.filter((x) => qualifies(x.status)) ?? [];
    if (likely.length > 0) {
      counts.qualifying++;
      if (!l.contact.email) counts.withoutEmail++;
      for (const x of likely) flagged[x.id] = (flagged[x.id] ?? 0) + 1;
    }
    // Ex officio candidates are for staff to look into, also where the engine needs to know more
    // (`maybe`): the same rows as the import's ex officio filter; they get no letter for it.
    if (result?.schemes.some((x) => x.exOfficio && (x.status === 'eligible' || x.status === 'maybe'))) counts.exOfficio++;
    return {
      importId,
      line: l.line,
      externalId: l.externalId,
      contact: l.contact,
      result,
      errors: problems,
      inWorklist: l.contact.email ? known.has(listHash(s, l.contact.email)) : false,
    };
  });
  return { rows, counts, flagged };
}

export async function runScreening(s: Services, importId: string): Promise<'done' | 'failed' | 'missing' | 'busy'> {
  const db = s.database.db;
  const claimed = await claimImport(s, importId);
  if (!claimed) {
    const [row] = await db.select({ status: screeningImports.status }).from(screeningImports).where(eq(screeningImports.id, importId));
    return row?.status === 'running' ? 'busy' : 'missing';
  }
  if (claimed.raw === null) return 'missing';
  // A rerun after a crash starts over.
  await db.delete(screeningRows).where(eq(screeningRows.importId, importId));
  try {
    const file = parseUpload(
      claimed.fileName,
      claimed.raw,
      claimed.municipality,
      claimed.referenceDate ?? s.now().toISOString().slice(0, 10),
    );
    const valid = file.lines.filter((l): l is Extract<ParsedLine, { household: unknown }> => 'household' in l);
    const screened = await screenAll(
      s,
      valid.map((l) => ({ id: l.line, household: l.household })),
    );
    const known = await knownContacts(s, claimed.municipality);
    const { rows, counts, flagged } = screeningRowsOf(s, importId, file, screened, known);
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += INSERT_BATCH) await tx.insert(screeningRows).values(rows.slice(i, i + INSERT_BATCH));
      await tx
        .update(screeningImports)
        .set({
          status: 'done',
          raw: null,
          counts,
          failure: file.fileProblems.length ? JSON.stringify(file.fileProblems) : null,
          rulebookVersion: s.rulebook.version,
          finishedAt: s.now(),
        })
        .where(eq(screeningImports.id, importId));
    });
    const screenedOk = rows.filter((r) => r.result !== null).length;
    await recordChecks(
      db,
      { municipality: claimed.municipality, source: 'screening', checks: screenedOk, flaggedAny: counts.qualifying, flagged },
      s.now(),
    );
    return 'done';
  } catch (e) {
    // The reason, never the data (safeReason drops query parameters).
    const reason = safeReason(e);
    console.error(`screening ${importId} failed: ${reason}`);
    await db
      .update(screeningImports)
      .set({
        status: 'failed',
        raw: null,
        failure: JSON.stringify([{ path: '', code: 'internal', params: { reason } }]),
        finishedAt: s.now(),
      })
      .where(eq(screeningImports.id, importId));
    return 'failed';
  }
}
