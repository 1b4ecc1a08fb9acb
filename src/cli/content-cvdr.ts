/**
 * `npm run content:cvdr -- --municipality GMxxxx [--xml FILE ...] [--out DIR] [--date YYYY-MM-DD]`:
 * finds a municipality's current minima regulations in CVDR (the SRU search service of
 * lokaleregelgeving.overheid.nl; needs network), stores each XML with its id, version and fetch date,
 * and writes a draft of candidate values, each with the verbatim paragraph it came from, and how they
 * compare with content/. With `--xml` it reads stored CVDR XML files instead of searching. It never
 * writes content/: a person reviews the draft and copies what holds (docs/content-format.md).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadRulebook } from '../content/load.ts';
import { compareWithContent, extract, parseCvdr, type Candidate, type CvdrDocument } from '../content/cvdr.ts';
import { isIsoDate } from '../engine/dates.ts';

export const SRU = 'https://zoekservice.overheid.nl/sru/Search';
/** Title words of the regulations the importer looks for. */
export const TOPICS = ['inkomenstoeslag', 'minima', 'bijzondere bijstand', 'kwijtschelding', 'meedoen', 'participatiewet'];

/** The CQL query for one municipality's current regulations on the minima topics. */
export function sruQuery(municipality: string): string {
  const titles = TOPICS.map((t) => `dcterms.title any "${t}"`).join(' or ');
  return `dcterms.creator=="${municipality}" and (${titles})`;
}

/** The XML addresses of the records in an SRU answer (`publicatieurl_xml`). */
export function recordUrls(sruXml: string): string[] {
  return [...sruXml.matchAll(/<(?:\w+:)?publicatieurl_xml>([^<]+)<\/(?:\w+:)?publicatieurl_xml>/g)].map((m) => m[1]!.trim());
}

async function fetchText(url: string): Promise<string> {
  const r = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

export interface Draft {
  municipality: string;
  date: string;
  documents: {
    cvdr: string;
    title: string;
    inForce: string | undefined;
    until: string | undefined;
    file: string;
    sha256: string;
    fetched: string;
  }[];
  candidates: Candidate[];
  differences: ReturnType<typeof compareWithContent>;
}

/** The draft for stored documents: their candidates (each quoted) and the comparison with content/. */
export function draftFor(code: string, date: string, docs: { doc: CvdrDocument; file: string; xml: string; fetched: string }[]): Draft {
  const candidates = docs.flatMap((d) => extract(d.doc));
  return {
    municipality: code,
    date,
    documents: docs.map((d) => ({
      cvdr: `${d.doc.meta.id}/${d.doc.meta.version}`,
      title: d.doc.meta.title,
      inForce: d.doc.meta.inForce,
      until: d.doc.meta.until,
      file: d.file,
      sha256: createHash('sha256').update(d.xml).digest('hex'),
      fetched: d.fetched,
    })),
    candidates,
    differences: compareWithContent(loadRulebook(), code, date, candidates),
  };
}

export async function cvdrCommand(args: readonly string[], today: string = new Date().toISOString().slice(0, 10)): Promise<number> {
  const values = (flag: string): string[] => args.flatMap((a, i) => (args[i - 1] === flag ? [a] : []));
  const code = values('--municipality')[0];
  const date = values('--date')[0] ?? today;
  const out = values('--out')[0] ?? 'docs/research/cvdr';
  if (!code || !/^GM\d{4}$/.test(code) || !isIsoDate(date)) {
    process.stderr.write('usage: npm run content:cvdr -- --municipality GMxxxx [--xml FILE ...] [--out DIR] [--date YYYY-MM-DD]\n');
    return 2;
  }
  const rb = loadRulebook();
  const place = rb.places[code];
  if (!place) {
    process.stderr.write(`${code} is not a municipality in content/places\n`);
    return 2;
  }
  const dir = join(out, code);
  mkdirSync(dir, { recursive: true });
  const docs: { doc: CvdrDocument; file: string; xml: string; fetched: string }[] = [];
  try {
    const files = values('--xml');
    if (files.length > 0) {
      for (const f of files) {
        const xml = readFileSync(f, 'utf8');
        docs.push({ doc: parseCvdr(xml), file: f, xml, fetched: 'stored copy' });
      }
    } else {
      const query = new URLSearchParams({
        operation: 'searchRetrieve',
        version: '1.2',
        'x-connection': 'cvdr',
        query: sruQuery(place.name),
        maximumRecords: '100',
      });
      for (const url of recordUrls(await fetchText(`${SRU}?${query}`))) {
        const xml = await fetchText(url);
        const doc = parseCvdr(xml);
        // Only what is in force on the date: a new regulation gets a new id, an old one an end date.
        if ((doc.meta.inForce && doc.meta.inForce > date) || (doc.meta.until && doc.meta.until < date)) continue;
        const file = join(dir, `${doc.meta.id}_${doc.meta.version}.xml`);
        writeFileSync(file, xml);
        docs.push({ doc, file, xml, fetched: today });
      }
    }
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  const draft = draftFor(code, date, docs);
  const file = join(dir, 'draft.yaml');
  writeFileSync(
    file,
    `# Draft for review, not content: candidate values from CVDR with the paragraph each came from.\n${stringify(draft, { lineWidth: 0 })}`,
  );
  process.stdout.write(
    `${file}: ${draft.documents.length} regulations, ${draft.candidates.length} candidate values, ` +
      `${draft.differences.filter((d) => d.status !== 'agrees').length} differences with content/\n`,
  );
  return 0;
}
