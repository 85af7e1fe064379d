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

/** Numbers as questions write them in words ("top five merchants", "the last three months"). */
export const numberWords: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
};

/** The words of numberWords as a regular-expression alternation, longest first ("eighteen" before "eight"). */
export const numberWordPattern = Object.keys(numberWords)
  .sort((a, b) => b.length - a.length)
  .join('|');
