// Tesseract's language models, shipped in the @tesseract.js-data/<code> packages: nothing is
// downloaded. tesseract.js reads every language of a worker from one folder, so several languages
// are gathered, as links to the packages' files, in a temporary folder removed when the process exits.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { OcrLanguage } from '../config.ts';

/** The models' variants: the accurate integer LSTM model, or the full model the legacy engine needs too. */
export type ModelVariant = '4.0.0_best_int' | '4.0.0';

const require = createRequire(import.meta.url);
const folders = new Map<string, string>();

function packageFolder(language: OcrLanguage, variant: ModelVariant): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), variant);
}

/** A folder holding `<code>.traineddata.gz` for every language asked for (the package's own for one). */
export function languageFolder(languages: readonly OcrLanguage[], variant: ModelVariant): string {
  const [only] = languages;
  if (languages.length === 1 && only) return packageFolder(only, variant);
  const key = `${variant}:${languages.join('+')}`;
  const known = folders.get(key);
  if (known) return known;
  const folder = mkdtempSync(join(tmpdir(), 'ticket-tracker-ocr-'));
  if (folders.size === 0) {
    process.once('exit', () => {
      for (const path of folders.values()) rmSync(path, { recursive: true, force: true });
    });
  }
  for (const language of languages) {
    const file = `${language}.traineddata.gz`;
    symlinkSync(join(packageFolder(language, variant), file), join(folder, file));
  }
  folders.set(key, folder);
  return folder;
}
