// The words people use for each category: "hotel" for lodging, "petrol" for fuel, "lunch" for meals.
// Every configured category is understood by its name (singular or plural); the default categories
// come with their everyday synonyms, and CATEGORIES entries can add their own ("parking=car park|garage").

/** Everyday words per default category (see defaultCategories in config.ts); plurals are added. */
export const defaultCategoryWords: Record<string, readonly string[]> = {
  meals: [
    'meal',
    'food',
    'lunch',
    'lunches',
    'dinner',
    'breakfast',
    'restaurant',
    'eating out',
    'catering',
    'coffee',
    'coffees',
    'drinks',
    'business lunch',
    'business meal',
  ],
  groceries: ['grocery', 'supermarket', 'food shopping'],
  travel: [
    'trip',
    'trips',
    'flight',
    'flights',
    'airfare',
    'airfares',
    'plane ticket',
    'train',
    'trains',
    'train ticket',
    'rail',
    'travelling',
    'traveling',
    'business travel',
  ],
  lodging: ['hotel', 'hotels', 'accommodation', 'accommodations', 'lodgings', 'airbnb', 'hotel stay', 'hotel stays'],
  fuel: ['gas', 'petrol', 'diesel', 'gasoline', 'fuelling', 'refuelling', 'filling station'],
  transport: [
    'taxi',
    'taxis',
    'cab',
    'cabs',
    'ride',
    'rides',
    'public transport',
    'bus',
    'metro',
    'subway',
    'parking',
    'tolls',
    'car hire',
    'car rental',
    'transportation',
  ],
  office: ['office supplies', 'supplies', 'stationery', 'office equipment', 'printer paper'],
  software: [
    'software subscriptions',
    'software subscription',
    'subscriptions',
    'subscription',
    'saas',
    'licences',
    'licenses',
    'licence',
    'license',
    'apps',
  ],
  telecom: ['phone', 'phones', 'mobile', 'internet', 'telecoms', 'phone bill', 'phone bills', 'broadband'],
  entertainment: ['client entertainment', 'events', 'entertaining', 'hospitality'],
  health: ['medical', 'pharmacy', 'medicine', 'doctor', 'healthcare'],
  other: ['misc', 'miscellaneous', 'sundries', 'sundry'],
};

/** "meal" → "meals", "taxi" → "taxis", "category" → "categories": the plural people write. */
function plurals(word: string): string[] {
  if (word.includes(' ')) return [word, `${word}s`];
  if (word.endsWith('y') && !/[aeiou]y$/.test(word)) return [word, `${word.slice(0, -1)}ies`];
  if (/(s|x|ch|sh)$/.test(word)) return [word, `${word}es`, word.endsWith('s') ? word.slice(0, -1) : word];
  return [word, `${word}s`];
}

/**
 * Word (lower case) → category, for the configured categories: each name, its plural, the default
 * synonyms of a default category and the words given in CATEGORIES (`extra`).
 */
export function categoryVocabulary(
  categories: readonly string[],
  extra: Readonly<Record<string, readonly string[]>> = {},
): Map<string, string> {
  const words = new Map<string, string>();
  // Names first: a configured category's own name beats another category's synonym ("fuel").
  for (const category of categories) for (const word of plurals(category.toLowerCase())) words.set(word, category);
  for (const category of categories) {
    for (const synonym of [...(defaultCategoryWords[category] ?? []), ...(extra[category] ?? [])]) {
      for (const word of plurals(synonym.toLowerCase())) {
        if (word.length >= 3 && !words.has(word)) words.set(word, category);
      }
    }
  }
  return words;
}
