/** Assembling a scheme outcome: amounts are zero when not eligible, and "already receiving" wins. */
import type { Facts } from './facts.ts';
import type { ParameterReader } from './parameters.ts';
import { reason, scheme } from './reasons.ts';
import type { LegalSource, Municipality, Rulebook } from './rulebook.ts';
import type { Reason, SchemeOutcome, Status } from './types.ts';

export interface OutcomeInput {
  id: string;
  kind: SchemeOutcome['kind'];
  status: Status;
  monthly?: number;
  yearly?: number;
  quarterly?: number | undefined;
  amountVaries?: boolean;
  estimate?: boolean;
  reasons: Reason[];
  missing?: Reason[];
  exOfficio?: SchemeOutcome['exOfficio'];
}

const municipalLegal = new WeakMap<Municipality, Map<string, LegalSource>>();

/** The legal source of a scheme: national, or else the municipality's own (looked up once per municipality). */
function legalSource(rulebook: Rulebook, municipality: Municipality | undefined, id: string): LegalSource | undefined {
  const national = rulebook.schemes[id]?.legal;
  if (national || !municipality) return national;
  let byId = municipalLegal.get(municipality);
  if (!byId) {
    byId = new Map();
    // The first scheme with an id wins, as with a search through the list.
    for (const s of municipality.schemes) if (!byId.has(s.id)) byId.set(s.id, s.legal);
    municipalLegal.set(municipality, byId);
  }
  return byId.get(id);
}

export function outcome(input: OutcomeInput, f: Facts, p: ParameterReader): SchemeOutcome {
  let status = input.status;
  // The rules hand over their own reasons and do not touch them afterwards, so they are copied only
  // when a reason goes in front.
  let reasons = input.reasons;
  if (f.receives(input.id)) {
    const legal = legalSource(p.rulebook, p.municipality, input.id);
    const code = status !== 'not-eligible' ? 'already-receiving' : 'receiving-but-not-eligible';
    if (status !== 'not-eligible') status = 'already-receiving';
    reasons = [reason(code, { scheme: scheme(input.id) }, legal), ...reasons];
  }
  const paid = status !== 'not-eligible';
  return {
    id: input.id,
    kind: input.kind,
    status,
    monthly: paid ? (input.monthly ?? 0) : 0,
    yearly: paid ? (input.yearly ?? 0) : 0,
    quarterly: input.quarterly === undefined ? undefined : paid ? input.quarterly : 0,
    amountVaries: input.amountVaries ?? false,
    estimate: input.estimate ?? false,
    reasons,
    missing: input.missing ?? [],
    exOfficio: input.exOfficio ?? { possible: false },
    unverified: p.unverified(),
  };
}
