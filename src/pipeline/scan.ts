// `ticket-tracker scan`: files and folders in, one JSON object per image out.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { toAppError } from '../errors.ts';
import type { ExtractedReceipt } from './extract/schema.ts';

const imageExtensions = new Set(['.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif', '.tif', '.tiff', '.pdf']);

/** The files named, and the images inside the folders named (not recursive), in a stable order. */
export async function listScanFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const names = (await readdir(path)).filter((name) => imageExtensions.has(extname(name).toLowerCase())).sort();
      files.push(...names.map((name) => join(path, name)));
    } else {
      files.push(path);
    }
  }
  return files;
}

export interface ScanLine {
  file: string;
  merchant: string | null;
  address: string | null;
  date: string | null;
  currency: string | null;
  total: string | null;
  subtotal: string | null;
  tax: string | null;
  items: ExtractedReceipt['items'];
  category: string | null;
  /** Mean confidence of merchant, date and total, 0..1. */
  confidence: number | null;
  status: string;
  warnings?: string[];
  error?: string;
  ms: number;
}

export function scanLine(
  file: string,
  receipt: ExtractedReceipt,
  status: string,
  warnings: string[],
): Omit<ScanLine, 'ms'> {
  const keyFields = [receipt.fieldConfidence.merchant, receipt.fieldConfidence.date, receipt.fieldConfidence.total];
  const known = keyFields.filter((value): value is number => value !== undefined);
  return {
    file,
    merchant: receipt.merchant,
    address: receipt.merchantAddress,
    date: receipt.date,
    currency: receipt.currency,
    total: receipt.total,
    subtotal: receipt.subtotal,
    tax: receipt.tax,
    items: receipt.items,
    category: receipt.category,
    confidence: known.length ? Number((known.reduce((sum, value) => sum + value, 0) / known.length).toFixed(2)) : null,
    status,
    ...(warnings.length ? { warnings } : {}),
  };
}

export function failedScanLine(file: string, error: unknown, ms: number): ScanLine {
  return {
    file,
    merchant: null,
    address: null,
    date: null,
    currency: null,
    total: null,
    subtotal: null,
    tax: null,
    items: [],
    category: null,
    confidence: null,
    status: 'failed',
    error: toAppError(error).userMessage,
    ms,
  };
}

/** Runs `scanOne` over the files, `concurrency` at a time, handing each line to `emit` as it is ready. */
export async function scanFiles(
  files: string[],
  {
    concurrency,
    scanOne,
    emit,
  }: {
    concurrency: number;
    scanOne: (file: string, bytes: Buffer) => Promise<Omit<ScanLine, 'ms'>>;
    emit: (line: ScanLine) => void;
  },
): Promise<ScanLine[]> {
  const lines: ScanLine[] = [];
  let next = 0;
  async function lane() {
    while (next < files.length) {
      const file = files[next++]!;
      const started = performance.now();
      let line: ScanLine;
      try {
        const result = await scanOne(file, await readFile(file));
        line = { ...result, ms: Math.round(performance.now() - started) };
      } catch (error) {
        line = failedScanLine(file, error, Math.round(performance.now() - started));
      }
      lines.push(line);
      emit(line);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return lines;
}

/** One line for people: file, status, merchant, date, total. */
export function formatScanLine(line: ScanLine): string {
  if (line.error) return `${line.file}: failed: ${line.error}`;
  const total = line.total ? `${line.total}${line.currency ? ` ${line.currency}` : ''}` : 'no total';
  const parts = [line.merchant ?? 'unknown merchant', line.date ?? 'no date', total, line.category ?? 'uncategorised'];
  return `${line.file}: ${parts.join(' | ')} (${line.status}, ${line.ms} ms)`;
}
