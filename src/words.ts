// Small pieces of English every message uses, written once: counts with the right plural, and
// sentences put one after another.

/** "1 receipt", "2 receipts", "0 receipts"; `plural` when adding an s is wrong ("person" → "people"). */
export function countOf(count: number | bigint, singular: string, plural = `${singular}s`): string {
  return `${count} ${BigInt(count) === 1n ? singular : plural}`;
}

/** Sentences in a row, each ending in its own full stop: ["Total unclear.", "No date"] → "Total unclear. No date." */
export function sentences(parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/[.!?…]$/.test(part) ? part : `${part}.`))
    .join(' ');
}
