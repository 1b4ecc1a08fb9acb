/** The short case number staff use on the phone and in notes: the first 8 characters of the consent id. */
export function caseNumber(consentId: string): string {
  return consentId.slice(0, 8).toUpperCase();
}
