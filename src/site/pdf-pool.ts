/**
 * PDFs are made one or two at a time, whatever arrives: each one is a Chromium page, about a second
 * of a core and a few hundred megabytes. Requests wait their turn in a short queue; when the queue
 * is full, or the wait would be too long, the answer is "busy, try again" at once, so the rest of
 * the site keeps its cores. Per process; the per-client limit lives in the database (src/server/http/pdf-route.ts).
 */

export interface PdfSettings {
  /** PDFs made at the same time (PDF_CONCURRENCY, default 1). */
  concurrency: number;
  /** Requests that may wait for a turn (PDF_QUEUE, default 4). */
  queue: number;
  /** Longest wait for a turn, in seconds (PDF_QUEUE_SECONDS, default 20). */
  waitSeconds: number;
  /** PDFs one client address may ask for per hour (PDF_PER_CLIENT_PER_HOUR, default 30). */
  perClientPerHour: number;
  /** Longest PDF, in pages (PDF_MAX_PAGES, default 30); a page that would be longer is not printed. */
  maxPages: number;
}

function whole(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function pdfSettings(env: NodeJS.ProcessEnv = process.env): PdfSettings {
  return {
    concurrency: whole(env.PDF_CONCURRENCY, 1, 1, 16),
    queue: whole(env.PDF_QUEUE, 4, 0, 1000),
    waitSeconds: whole(env.PDF_QUEUE_SECONDS, 20, 1, 600),
    perClientPerHour: whole(env.PDF_PER_CLIENT_PER_HOUR, 30, 1, 100_000),
    maxPages: whole(env.PDF_MAX_PAGES, 30, 1, 1000),
  };
}

/** The queue was full, or the turn did not come in time. */
export class PdfBusy extends Error {}

interface Waiter {
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PdfPool {
  #running = 0;
  readonly #waiting: Waiter[] = [];
  readonly #settings: Pick<PdfSettings, 'concurrency' | 'queue' | 'waitSeconds'>;

  constructor(settings: Pick<PdfSettings, 'concurrency' | 'queue' | 'waitSeconds'>) {
    this.#settings = settings;
  }

  /**
   * Runs `task` in its turn, first come first served. `ahead` is how many were running or waiting
   * when this one came. Rejects with PdfBusy when the queue is full or the wait runs out.
   */
  async run<T>(task: (ahead: number) => Promise<T>): Promise<T> {
    const ahead = this.#running + this.#waiting.length;
    if (this.#running >= this.#settings.concurrency) {
      if (this.#waiting.length >= this.#settings.queue) throw new PdfBusy();
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          start: () => {
            clearTimeout(waiter.timer);
            resolve();
          },
          timer: setTimeout(() => {
            this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
            reject(new PdfBusy());
          }, this.#settings.waitSeconds * 1000),
        };
        this.#waiting.push(waiter);
      });
    } else this.#running++;
    try {
      return await task(ahead);
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next in line; otherwise it is free.
      if (next) next.start();
      else this.#running--;
    }
  }
}
