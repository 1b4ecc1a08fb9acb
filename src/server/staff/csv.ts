/**
 * CSV for downloads from the console, made for Dutch spreadsheets: `;` between fields, a BOM so
 * Excel reads UTF-8, quotes where needed, and no formulas: a cell that starts with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe, so a name like "=HYPERLINK(…)" from uploaded data cannot
 * run in the spreadsheet of the person who opens the file.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+([.,]\d+)?$/.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(';');
}

export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${[csvLine(header), ...rows.map(csvLine)].join('\r\n')}\r\n`;
}

/** Euros with a decimal comma, as Dutch spreadsheets expect. */
export function csvEuros(euros: number): string {
  return euros.toFixed(2).replace('.', ',');
}

export function download(body: string | Uint8Array, contentType: string, fileName: string): Response {
  return new Response(body as BodyInit, {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
