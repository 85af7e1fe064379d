// The sender's own words about a receipt (a photo's caption, the message shared with a file): kept as
// its note, and a hint for its category ("taxi to the airport" → travel) that wins over the reader's
// guess, though never over a category someone set by hand.
import { categoryHint } from '../pipeline/extract/offline/category.ts';

export const maxNoteLength = 500;

/** One line of plain text, at most 500 characters; nothing left is no note. */
export function cleanNote(text: string | null | undefined): string | null {
  const note = (text ?? '')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxNoteLength)
    .trim();
  return note === '' ? null : note;
}

/** The category the note names, if any, among the configured ones. */
export function noteCategory(note: string | null, categories: readonly string[]): string | null {
  return categoryHint(note, categories);
}
