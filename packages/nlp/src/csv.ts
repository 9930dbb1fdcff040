/** RFC 4180 CSV: quoted fields may hold commas, CR/LF and doubled quotes; tolerates a BOM and CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let inQuotes = false;
  let fieldStarted = false; // distinguishes a trailing empty line from a row with one empty field
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      if (fieldStarted || field !== '' || row.length > 0) {
        row.push(field);
        rows.push(row);
      }
      row = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface LabelledText {
  text: string;
  label: string;
}

/**
 * Read a `text,label` CSV (columns located by header name, so extra columns are fine).
 * Rows with an empty text or label are skipped.
 */
export function readLabelledCsv(text: string): LabelledText[] {
  const rows = parseCsv(text);
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const ti = header.indexOf('text');
  const li = header.indexOf('label');
  if (ti < 0 || li < 0) throw new Error('CSV header must contain "text" and "label" columns');
  const out: LabelledText[] = [];
  for (let r = 1; r < rows.length; r++) {
    const t = (rows[r][ti] ?? '').trim();
    const l = (rows[r][li] ?? '').trim();
    if (t && l) out.push({ text: t, label: l });
  }
  return out;
}
