// A category from what the merchant's name and the items say, or from the sender's own words about the
// receipt (a caption: "taxi to the airport"). Only categories the deployment configured can come out.

const keywords: Record<string, RegExp> = {
  fuel: /\b(?:PETROL|PETRONAS|SHELL|CALTEX|ESSO|BP|PETRON|FUEL|GASOLINE|DIESEL|RON\s?9[57]|UNLEADED)\b/,
  lodging: /\b(?:HOTEL|INN|MOTEL|RESORT|HOSTEL|LODGE|AIRBNB|SUITES)\b/,
  travel: /\b(?:AIRLINE|AIRWAYS|AIRASIA|FLIGHT|BOARDING|AIRPORT|TRAVEL|TOURS?|BAGGAGE)\b/,
  transport: /\b(?:TAXI|GRAB|UBER|LYFT|PARKING|TOLL|TRAIN|RAIL|BUS|MRT|LRT|TRANSIT|METRO|TICKET|CAR\s?PARK)\b/,
  meals:
    /\b(?:RESTAURANT|RESTORAN|CAFE|COFFEE|KOPITIAM|BISTRO|BAR|GRILL|KITCHEN|FOOD|BURGER|PIZZA|NASI|MEE|CHICKEN|RICE|NOODLES?|TEA|TEH|KOPI|MEAL|DINE|DINING|BAKERY|BAKE|BREAD|DRINKS?|SET|CURRY|SUSHI|STARBUCKS|MCDONALD'?S|KFC)\b/,
  groceries:
    /\b(?:SUPERMARKET|HYPERMARKET|MINIMARKET|GROCER(?:Y|IES)|MART|FRESH|MARKET|AEON|TESCO|GIANT|MYDIN|LULU|ALDI|LIDL|WALMART|VEGETABLES?|FRUITS?|EGGS?|MILK)\b/,
  office:
    /\b(?:STATIONERY|STATIONARY|BOOKS?|BOOKSTORE|PAPER|PRINT(?:ING)?|PEN|PENS|FILE|FOLDER|TONER|INK|CARTRIDGE|OFFICE|GLUE|TAPE|HARDWARE|TOOLS?|STAPLER|ENVELOPES?|A4)\b/,
  software: /\b(?:SOFTWARE|LICEN[CS]E|SUBSCRIPTION|SAAS|CLOUD|HOSTING|DOMAIN|APP\s?STORE)\b/,
  telecom: /\b(?:TELECOM|MOBILE|PREPAID|RELOAD|TOP\s?UP|MAXIS|CELCOM|DIGI|UNIFI|INTERNET|BROADBAND|SIM)\b/,
  entertainment: /\b(?:CINEMA|MOVIE|THEATRE|THEATER|CONCERT|KARAOKE|BOWLING|GAMES?|MUSEUM|GSC|TGV)\b/,
  health:
    /\b(?:PHARMACY|FARMASI|CLINIC|KLINIK|HOSPITAL|DENTAL|MEDICAL|MEDICINE|GUARDIAN|WATSONS|CARING|VITAMINS?|OPTICAL)\b/,
};

/** Merchant words count three times as much as item words; unmatched is "other" when configured, else null. */
export function findCategory(merchant: string | null, itemText: string, categories: readonly string[]): string | null {
  return bestCategory(merchant, itemText, categories) ?? (categories.includes('other') ? 'other' : null);
}

/** The category a note names ("taxi to the airport" → travel; the first configured wins a tie), or null. */
export function categoryHint(note: string | null, categories: readonly string[]): string | null {
  if (!note) return null;
  const words = note.toLowerCase().split(/[^\p{L}\p{N}&-]+/u);
  const named = categories.find((category) => words.includes(category));
  return named ?? bestCategory(null, note, categories);
}

function bestCategory(merchant: string | null, itemText: string, categories: readonly string[]): string | null {
  let best: { category: string; score: number } | null = null;
  for (const category of categories) {
    const pattern = keywords[category];
    if (!pattern) continue;
    const global = new RegExp(pattern.source, 'g');
    const score =
      3 * (merchant?.toUpperCase().match(global)?.length ?? 0) + (itemText.toUpperCase().match(global)?.length ?? 0);
    if (score > 0 && (!best || score > best.score)) best = { category, score };
  }
  return best?.category ?? null;
}
