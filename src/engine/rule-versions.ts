/**
 * The dated rule versions the engine knows, by rule id. Content (`content/rules.yaml`) says which
 * version applies on which dates, with the law that sets it; the engine never picks a way of
 * calculating by whether some parameter happens to have a value. A version that content names and
 * the engine does not know is a content error; a date without a version is an error, like a
 * parameter without a value.
 */
export const RULE_VERSIONS = {
  /** Huurtoeslag: the 2025 quadratic normhuur, or from 2026 the fixed basishuur with a linear taper. */
  'huurtoeslag/berekening': ['normhuur-2025', 'lineair-2026'],
  /**
   * Participatiewet earnings disregards: art. 31 lid 2 onder n and r (2025–2026), or the uniform
   * disregards of art. 34a (Participatiewet in balans, from 2027).
   */
  'participatiewet/vrijlating-inkomsten': ['art-31-2025', 'art-34a-2027'],
  /** The bufferbudget of art. 34b (from 2027), which the municipality may grant without an application. */
  'participatiewet/bufferbudget': ['geen', 'art-34b-2027'],
  /** Kindgebonden budget taper: one rate above the drempelinkomen, or from 2027 a second, higher rate above a second point. */
  'kindgebonden-budget/afbouw': ['een-afbouwpunt', 'twee-afbouwpunten'],
} as const;

export type RuleId = keyof typeof RULE_VERSIONS;
export type VersionOf<R extends RuleId> = (typeof RULE_VERSIONS)[R][number];

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULE_VERSIONS, id);
}
