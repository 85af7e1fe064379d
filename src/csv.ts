// CSV both ways: RFC 4180 rows in (imports, exchange-rate files) and cells out (exports).

export interface CsvRow {
  /** The file's line the row starts on (a quoted field may span lines). */
  line: number;
  cells: string[];
}

/** RFC 4180 CSV (a leading byte-order mark is dropped): quoted fields may hold commas, quotes ("") and line breaks. Rows with their line numbers. */
export function parseCsv(input: string): CsvRow[] {
  const text = input.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((value) => value !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  if (cells.some((value) => value !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

/** A CSV file with a header line: its column names (trimmed, lower case) and the rows below it. */
export function parseCsvWithHeader(text: string): { columns: string[]; rows: CsvRow[] } {
  const [header, ...rows] = parseCsv(text);
  return { columns: header?.cells.map((cell) => cell.trim().toLowerCase()) ?? [], rows };
}

const plainNumber = /^[+-]?\d+(\.\d+)?$/;

/**
 * One CSV cell; text a spreadsheet would run as a formula is defused with a leading quote. A plain
 * number (a negative amount such as -1.00) stays a number, so spreadsheet sums count it.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, ended with CRLF as RFC 4180 asks. */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
