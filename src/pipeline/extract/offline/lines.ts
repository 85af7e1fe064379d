// OCR lines as the rules see them: the text with its spacing collapsed, an upper-case copy without
// accents for keyword matching (OCR drops or misreads them: ESPÈCES, ESPECES), the position on the
// page, and how sure OCR was.
import type { Box, OcrResult } from '../../ocr-types.ts';

export interface TextLine {
  index: number;
  text: string;
  upper: string;
  box: Box;
  /** 0..1 */
  confidence: number;
  /** Gaps of two or more spaces as OCR kept them: column boundaries. */
  columns: string[];
}

export function toTextLines(ocr: OcrResult): TextLine[] {
  return ocr.lines
    .map((line) => ({ raw: line.text.replace(/\s+$/, ''), line }))
    .filter(({ raw }) => /[\p{L}\p{N}]/u.test(raw))
    .map(({ raw, line }, index) => {
      const text = raw.replace(/\s+/g, ' ').trim();
      return {
        index,
        text,
        upper: keywordText(text),
        box: line.box,
        confidence: line.confidence / 100,
        columns: raw
          .trim()
          .split(/\s{2,}/)
          .map((column) => column.trim())
          .filter(Boolean),
      };
    });
}

/** Upper case without accents: "Rückgeld" → "RUCKGELD", "Net à payer" → "NET A PAYER". */
export function keywordText(text: string): string {
  return text.toUpperCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** Share of a line's characters that are letters. */
export function letterShare(text: string): number {
  const visible = text.replace(/\s/g, '');
  if (!visible) return 0;
  return (visible.match(/\p{L}/gu)?.length ?? 0) / visible.length;
}

export function hasKeyword(line: TextLine, pattern: RegExp): boolean {
  return pattern.test(line.upper);
}
