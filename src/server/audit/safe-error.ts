/**
 * What may be said about an error in a log or to staff: the kind of error, never the data. A failed
 * query's message from drizzle holds the query's parameters (names, addresses from an upload), so
 * database errors are reduced to their SQLSTATE code.
 */
export function safeReason(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (message.startsWith('Failed query') || (code && /^[0-9A-Z]{5}$/.test(code))) return `database error${code ? ` ${code}` : ''}`;
  return message.split('\n')[0]!.slice(0, 160);
}

/** Runs a queue job and rethrows any failure as a safe reason, so the queue's job table holds no data either. */
export async function withSafeErrors<T>(job: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const reason = safeReason(e);
    console.error(`${job} failed: ${reason}`);
    // Deliberately without `cause`: the cause is what holds the data.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(reason);
  }
}
