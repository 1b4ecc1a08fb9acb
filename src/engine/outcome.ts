/** Assembling a scheme outcome: amounts are zero when not eligible, and "already receiving" wins. */
import type { Facts } from './facts.ts';
import type { ParameterReader } from './parameters.ts';
import { reason, scheme } from './reasons.ts';
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

export function outcome(input: OutcomeInput, f: Facts, p: ParameterReader): SchemeOutcome {
  let status = input.status;
  const reasons = [...input.reasons];
  const legal = p.rulebook.schemes[input.id]?.legal ?? p.municipality?.schemes.find((s) => s.id === input.id)?.legal;
  if (f.receives(input.id) && status !== 'not-eligible') {
    status = 'already-receiving';
    reasons.unshift(reason('already-receiving', { scheme: scheme(input.id) }, legal));
  } else if (f.receives(input.id)) {
    reasons.unshift(reason('receiving-but-not-eligible', { scheme: scheme(input.id) }, legal));
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
