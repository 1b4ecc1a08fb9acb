/**
 * Sources of reasons that rest on no single parameter (content/sources.yaml): the law behind the
 * toetsingsinkomen, and Rondkomen's own estimates and computations, which say so. A missing entry is
 * an error, never a reason without a source.
 */
import type { LegalSource, Rulebook } from './rulebook.ts';

export type NamedSource =
  'toetsingsinkomen' | 'toetsingsinkomen-geschat' | 'besteedbaar-inkomen' | 'gemeentelijke-regelingen' | 'regelkalender';

export class MissingSourceError extends Error {}

export function namedSource(rulebook: Rulebook, id: NamedSource): LegalSource {
  const source = Object.hasOwn(rulebook.sources, id) ? rulebook.sources[id] : undefined;
  if (!source) throw new MissingSourceError(`content/sources.yaml has no source ${id}`);
  return source;
}
