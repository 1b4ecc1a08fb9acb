/**
 * How a page tells its PDF download that it can be printed: it shows a whole result, not a form
 * that asks for more. The PDF route reads this from the page itself, so it never works the result
 * out a second time.
 */
export const PRINTABLE_HEADER = 'x-rondkomen-printable';

export function markPrintable(headers: Headers): void {
  headers.set(PRINTABLE_HEADER, 'yes');
}

export function isPrintable(headers: Headers): boolean {
  return headers.get(PRINTABLE_HEADER) === 'yes';
}
