// One till receipt drawn at random for a locale: the goods, discounts, VAT, tip, payment and the
// lines a till prints for them (fixed-width text, as thermal printers print), with the truth.
import { formatCents } from '../../src/money.ts';
import type { Day, Locale, ShopKind } from './locales.ts';
import type { Random } from './random.ts';

export interface PrintLine {
  text: string;
  center?: boolean;
  /** Double height and width, as tills print the name and sometimes the total. */
  big?: boolean;
}

/** Ground truth in the SROIE shape (company, date, address, total) plus currency and tax. */
export interface Truth {
  company: string;
  date: string;
  address: string;
  total: string;
  currency: string;
  tax: string | null;
  locale: string;
  kind: ShopKind;
}

export interface DrawnReceipt {
  lines: PrintLine[];
  /** Characters per line. */
  columns: number;
  truth: Truth;
}

type CurrencyShown = 'everywhere' | 'total' | 'header' | 'payment' | 'none';

interface Entry {
  lines: string[];
  cents: bigint;
  rate: number;
}

const kinds: [ShopKind, number][] = [
  ['grocery', 30],
  ['restaurant', 20],
  ['cafe', 14],
  ['pharmacy', 8],
  ['fuel', 9],
  ['hotel', 8],
  ['electronics', 11],
];
const itemCounts: Record<ShopKind, [number, number]> = {
  grocery: [3, 13],
  restaurant: [2, 7],
  cafe: [1, 4],
  pharmacy: [1, 4],
  fuel: [1, 1],
  hotel: [1, 3],
  electronics: [1, 3],
};
/** Receipts are from 2024-01-01 to 2026-10-31: always in the past, and spread over years. */
const firstDay = Date.UTC(2024, 0, 1);
const lastDay = Date.UTC(2026, 9, 31);
const pad = (value: number, size = 2) => String(value).padStart(size, '0');
const abs = (value: bigint) => (value < 0n ? -value : value);

export function drawReceipt(random: Random, locale: Locale): DrawnReceipt {
  const columns = random.int(38, 46);
  const kind = random.weighted(kinds);
  const words = locale.words;
  const sign = random.pick(locale.signs);
  const signBefore = random.chance(locale.signBefore);
  const group = random.pick(locale.groups);
  const trailingMinus = random.chance(locale.trailingMinus);
  const shown = random.weighted<CurrencyShown>([
    ['everywhere', 20],
    ['total', 30],
    ['header', 14],
    ['payment', 16],
    ['none', 10],
  ]);
  const taxLetters = random.chance(0.4);

  /** An amount as this till prints it: 1.234,56 / 1 234,56 / 1'234.50 / 2,81- */
  const amount = (cents: bigint, withSign = false): string => {
    const [whole = '0', fraction = '00'] = formatCents(abs(cents)).split('.');
    const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
    let text = `${grouped}${locale.decimal}${fraction}`;
    if (cents < 0n) text = trailingMinus ? `${text}-` : `-${text}`;
    if (!withSign) return text;
    return signBefore ? `${sign} ${text}` : `${text} ${sign}`;
  };
  const decimal = (value: number, places: number) => value.toFixed(places).replace('.', locale.decimal);
  const row = (left: string, right: string) => {
    const room = columns - right.length - 2;
    const cut = left.length > room ? left.slice(0, room) : left;
    return `${cut}${' '.repeat(columns - cut.length - right.length)}${right}`;
  };
  /** Cells right-aligned at the given end columns (the first left-aligned at 0). */
  const table = (cells: [string, number][]) => {
    let line = '';
    cells.forEach(([text, end], index) => {
      const start = index === 0 ? 0 : Math.max(line.length + 1, end - text.length);
      line = `${line.padEnd(start)}${text}`;
    });
    return line;
  };
  const center = (text: string, big = false): PrintLine => ({ text, center: true, big });
  const plain = (text: string): PrintLine => ({ text });

  // Who and where.
  const suffix = random.pick(locale.suffixes);
  const company = `${random.pick(locale.merchants[kind])}${suffix ? ` ${suffix}` : ''}`;
  const street = random.pick(locale.streets)(random);
  const [postcode, city] = random.pick(locale.cities);
  const place = locale.language === 'en' ? `${city} ${postcode}` : `${postcode} ${city}`;
  let phone = locale.phone(random);
  let taxId = locale.taxId(random);
  if (shown === 'none') {
    // Nothing prints the currency: the country must show some other way.
    while (!/\+\d/.test(phone) && !/\b(?:FR|DE|ES|IT|NL|GB|IE)\s?\d|CHE-/.test(taxId)) {
      phone = locale.phone(random);
      taxId = locale.taxId(random);
    }
  }

  // When.
  const when = new Date(firstDay + random.int(0, (lastDay - firstDay) / 86_400_000) * 86_400_000);
  const day: Day = {
    year: when.getUTCFullYear(),
    month: when.getUTCMonth() + 1,
    day: when.getUTCDate(),
    hour: random.int(7, 23),
    minute: random.int(0, 59),
  };
  if (kind === 'restaurant' && random.chance(0.15)) day.hour = 0;
  const printedDate = random.pick(locale.dateFormats)(day, locale);
  const time = locale.time(day);

  // What was bought.
  const rate = (index: number) => locale.vatRates[Math.min(index, locale.vatRates.length - 1)] ?? 0;
  const letter = (rateValue: number) => String.fromCharCode(65 + Math.max(0, locale.vatRates.indexOf(rateValue)));
  const priced = (cents: bigint, rateValue: number) =>
    taxLetters
      ? `${amount(cents, shown === 'everywhere')} ${letter(rateValue)}`
      : amount(cents, shown === 'everywhere');
  const entries: Entry[] = [];
  const [fewest, most] = itemCounts[kind];
  const goods = random.shuffle(locale.goods[kind]).slice(0, random.int(fewest, most));
  for (const [name, min, max, rateIndex] of goods) {
    // Menus and room rates are priced in round tens of cents.
    const roundPrices = kind === 'restaurant' || kind === 'cafe' || kind === 'hotel';
    const unit = BigInt(roundPrices ? Math.round(random.int(min, max) / 10) * 10 : random.int(min, max));
    const vat = rate(rateIndex);
    if (kind === 'fuel') {
      const litres = random.int(1500, 6500) / 100;
      const perLitre = random.int(min * 10, max * 10) / 1000;
      const cents = BigInt(Math.round(litres * perLitre * 100));
      entries.push({
        lines: [
          row(name, ''),
          row(`  ${decimal(litres, 2)} l x ${decimal(perLitre, 3)} ${sign}/l`, priced(cents, vat)),
        ],
        cents,
        rate: vat,
      });
      continue;
    }
    if (kind === 'grocery' && random.chance(0.12)) {
      const kilos = random.int(150, 1900) / 1000;
      const cents = BigInt(Math.round(kilos * Number(unit)));
      entries.push({
        lines: [name, row(`  ${decimal(kilos, 3)} kg x ${amount(unit)} ${locale.words.perKg}`, priced(cents, vat))],
        cents,
        rate: vat,
      });
      continue;
    }
    const quantity = kind === 'hotel' || random.chance(0.25) ? random.int(2, 4) : 1;
    const cents = unit * BigInt(quantity);
    const lines =
      quantity === 1
        ? [row(name, priced(cents, vat))]
        : random.chance(0.5)
          ? [name, row(`  ${quantity} x ${amount(unit)}`, priced(cents, vat))]
          : [row(`${quantity} X ${name}`, priced(cents, vat))];
    entries.push({ lines, cents, rate: vat });
    if (kind === 'grocery' && random.chance(0.12)) {
      const off = -BigInt(Math.max(10, Math.round((Number(cents) * random.int(10, 30)) / 100)));
      entries.push({ lines: [row(random.pick(words.discount), priced(off, vat))], cents: off, rate: vat });
    }
  }
  if (words.deposit && kind === 'grocery' && random.chance(0.4)) {
    const [deposit, returned] = words.deposit;
    const bottles = BigInt(random.int(1, 6));
    entries.push({ lines: [row(deposit, priced(25n * bottles, rate(0)))], cents: 25n * bottles, rate: rate(0) });
    if (random.chance(0.5)) {
      const back = -25n * BigInt(random.int(2, 12));
      entries.push({ lines: [row(returned, priced(back, rate(0)))], cents: back, rate: rate(0) });
    }
  }

  const itemsSum = entries.reduce((sum, entry) => sum + entry.cents, 0n);
  // A discount on the whole receipt, under a subtotal printed before it.
  const discountPercent = random.chance(0.18) ? random.pick([5, 10, 15, 20]) : 0;
  const discount = -((itemsSum * BigInt(discountPercent)) / 100n);
  const largestRate = entries.reduce((best, entry) => (entry.cents > best.cents ? entry : best)).rate;
  const beforeTip = itemsSum + discount;
  const tip =
    (kind === 'restaurant' || kind === 'cafe') && random.chance(0.35)
      ? BigInt(random.pick([100, 150, 200, 300, 500, Math.round(Number(beforeTip) / 1000) * 100 || 100]))
      : 0n;
  const cash = kind !== 'hotel' && kind !== 'electronics' && random.chance(0.45);
  const unrounded = beforeTip + tip;
  // Swiss cash is rounded to 5 centimes.
  const total = locale.currency === 'CHF' && cash ? ((unrounded + 2n) / 5n) * 5n : unrounded;

  // VAT per rate: gross from the goods (the discount taken from the largest rate), net and tax from it.
  const grossByRate = new Map<number, bigint>();
  for (const entry of entries) grossByRate.set(entry.rate, (grossByRate.get(entry.rate) ?? 0n) + entry.cents);
  grossByRate.set(largestRate, (grossByRate.get(largestRate) ?? 0n) + discount);
  const vatRows = [...grossByRate.entries()]
    .filter(([, gross]) => gross > 0n)
    .sort((a, b) => b[0] - a[0])
    .map(([rateValue, gross]) => {
      const net = (gross * 2000n + BigInt(1000 + rateValue)) / (2n * BigInt(1000 + rateValue));
      return { rate: rateValue, gross, net, tax: gross - net };
    });
  const taxTotal = vatRows.reduce((sum, vat) => sum + vat.tax, 0n);
  const rateText = (rateValue: number) => {
    const value = rateValue / 10;
    const style = random.int(0, 2);
    return `${style === 0 ? decimal(value, Number.isInteger(value) ? 0 : 1) : decimal(value, style)}%`;
  };

  const lines: PrintLine[] = [];
  // Header.
  lines.push(center(company, random.chance(0.4)));
  if (random.chance(0.15)) lines.push(center(random.pick(['* * *', '---', '***'])));
  lines.push(center(street), center(place));
  if (random.chance(0.8)) lines.push(center(phone));
  const taxIdOnTop = random.chance(0.5);
  if (taxIdOnTop) lines.push(center(taxId));
  lines.push(plain(''));

  const dateLine = () => {
    const label = random.chance(0.5) ? `${random.pick(words.date)} ` : '';
    const receiptNumber = `${random.pick(words.receiptNo)} ${random.int(100, 99999)}`;
    return random.pick([
      () => [plain(row(`${label}${printedDate}`, time))],
      () => [plain(`${label}${printedDate} ${time}`), plain(receiptNumber)],
      () => [plain(row(`${printedDate} ${time}`, receiptNumber))],
      () => [plain(row(receiptNumber, `${printedDate} ${time}`))],
    ])();
  };
  const meta = [
    ...dateLine(),
    plain(`${random.pick(words.cashier)} ${random.int(1, 12)}`),
    ...(kind === 'restaurant' ? [plain(`${random.pick(words.table)} ${random.int(1, 40)}`)] : []),
  ];
  const metaOnTop = random.chance(0.7);
  if (metaOnTop) lines.push(...meta, plain(''));

  if (shown === 'header') lines.push(plain(row('', sign)));
  for (const entry of entries) lines.push(...entry.lines.map(plain));
  const rule = '-'.repeat(columns);
  lines.push(plain(random.pick([rule, '='.repeat(columns), ' '.repeat(columns - 12) + '-'.repeat(12)])));

  // Subtotal, discount, total, tip.
  // With the currency on the total line only, it stands beside the word or beside the amount.
  const signOnLabel = shown === 'total' && random.chance(0.5);
  const currencyWord = /EUR|CHF|GBP|FR\./;
  // Receipts that print no currency use no word that says it ("SUMME EUR", "TOTALE EURO").
  const totalWords = shown === 'none' ? words.total.filter((word) => !currencyWord.test(word)) : words.total;
  const finalWords = shown === 'none' ? words.finalTotal.filter((word) => !currencyWord.test(word)) : words.finalTotal;
  const totalWithSign = (cents: bigint) => amount(cents, shown === 'everywhere' || (shown === 'total' && !signOnLabel));
  const totalLabel = (word: string) => (signOnLabel && !currencyWord.test(word) ? `${word} ${sign}` : word);
  if (discount !== 0n || (tip === 0n && random.chance(0.25))) {
    lines.push(plain(row(random.pick(words.subtotal), amount(itemsSum))));
  }
  if (discount !== 0n) lines.push(plain(row(`${random.pick(words.discount)} ${discountPercent}%`, amount(discount))));
  const big = random.chance(0.25);
  if (tip > 0n) {
    const first = random.chance(0.6) ? random.pick(words.subtotal) : random.pick(totalWords);
    lines.push(plain(row(first, amount(beforeTip))));
    lines.push(plain(row(random.pick(words.tip), amount(tip))));
  }
  if (total !== unrounded && words.rounding) {
    lines.push(plain(row(totalWords[0] ?? 'TOTAL', amount(unrounded))));
    lines.push(plain(row(words.rounding, amount(total - unrounded))));
  }
  const totalWord = tip > 0n || total !== unrounded ? random.pick(finalWords) : random.pick(totalWords);
  const totalLine = row(totalLabel(totalWord), totalWithSign(total));
  lines.push(big ? { text: totalLine.replace(/ {2,}/, '  '), big: true } : plain(totalLine));
  if (locale.language === 'it' && random.chance(0.6)) {
    lines.push(plain(row(words.vatIncluded, amount(taxTotal))));
  }
  lines.push(plain(''));

  // Payment.
  const paymentAmount = (cents: bigint) => amount(cents, shown === 'payment' || shown === 'everywhere');
  if (cash) {
    const note = BigInt(random.pick([500, 1000, 2000, 5000, 10000]));
    const tendered = random.chance(0.15) ? total : ((total + note - 1n) / note) * note;
    lines.push(plain(row(random.pick(words.cash), paymentAmount(tendered))));
    lines.push(plain(row(random.pick(words.change), amount(tendered - total))));
  } else {
    lines.push(plain(row(random.pick(words.card), paymentAmount(total))));
    if (random.chance(0.3)) lines.push(plain(`XXXX XXXX XXXX ${random.int(1000, 9999)}`));
  }
  lines.push(plain(''));

  // VAT.
  const vatStyle = random.weighted<'table' | 'lines' | 'included'>([
    ['table', 55],
    ['lines', 25],
    ['included', 20],
  ]);
  const last = columns;
  const ends = [Math.round(columns * 0.3), Math.round(columns * 0.55), Math.round(columns * 0.75), last];
  if (vatStyle === 'table') {
    const [rateHeader, netHeader, taxHeader, grossHeader] = words.vatHeader;
    lines.push(
      plain(
        table([
          [rateHeader, ends[0]!],
          [netHeader, ends[1]!],
          [taxHeader, ends[2]!],
          [grossHeader, ends[3]!],
        ]),
      ),
    );
    for (const vat of vatRows) {
      lines.push(
        plain(
          table([
            [`${taxLetters ? `${letter(vat.rate)} ` : ''}${rateText(vat.rate)}`, ends[0]!],
            [amount(vat.net), ends[1]!],
            [amount(vat.tax), ends[2]!],
            [amount(vat.gross), ends[3]!],
          ]),
        ),
      );
    }
    if (vatRows.length > 1 && random.chance(0.5)) {
      const net = vatRows.reduce((sum, vat) => sum + vat.net, 0n);
      const gross = vatRows.reduce((sum, vat) => sum + vat.gross, 0n);
      lines.push(
        plain(
          table([
            [words.vatSum, ends[0]!],
            [amount(net), ends[1]!],
            [amount(taxTotal), ends[2]!],
            [amount(gross), ends[3]!],
          ]),
        ),
      );
    }
  } else {
    const label = vatStyle === 'lines' ? words.vat : words.vatIncluded;
    for (const vat of vatRows) lines.push(plain(row(`${label} ${rateText(vat.rate)}`, amount(vat.tax))));
  }

  // Counts, loyalty, fiscal data, footer.
  if (kind === 'grocery' && random.chance(0.5)) lines.push(plain(`${random.pick(words.itemCount)}: ${entries.length}`));
  if ((kind === 'grocery' || kind === 'cafe') && random.chance(0.35)) {
    lines.push(plain(row(random.pick(words.points), String(random.int(5, 400)))));
    if (random.chance(0.6))
      lines.push(plain(row(random.pick(words.balance), amount(BigInt(random.int(50, 4000)), true))));
  }
  if (locale.id === 'de') lines.push(plain(''), ...fiscalBlock(random, day));
  if (!metaOnTop) lines.push(plain(''), ...meta);
  if (!taxIdOnTop) lines.push(center(taxId));
  lines.push(plain(''), center(random.pick(words.thanks)));

  const net = vatRows.length ? taxTotal : null;
  return {
    lines,
    columns,
    truth: {
      company,
      date: `${day.year}-${pad(day.month)}-${pad(day.day)}`,
      address: `${street} ${place}`,
      total: formatCents(total),
      currency: locale.currency,
      tax: net === null ? null : formatCents(net),
      locale: locale.id,
      kind,
    },
  };
}

/** The German fiscal (TSE) block: ISO timestamps of the transaction, which are not the purchase date. */
function fiscalBlock(random: Random, day: Day): PrintLine[] {
  const started = new Date(Date.UTC(day.year, day.month - 1, day.day, day.hour, day.minute));
  // A restaurant bill opened before midnight is printed after it.
  started.setUTCMinutes(started.getUTCMinutes() - (day.hour === 0 ? random.int(61, 180) : random.int(1, 40)));
  const stopped = new Date(Date.UTC(day.year, day.month - 1, day.day, day.hour, day.minute, random.int(0, 59)));
  const iso = (date: Date) =>
    date
      .toISOString()
      .replace('Z', '')
      .replace(/\.\d+$/, '.000');
  const hex = (count: number) => Array.from({ length: count }, () => random.int(0, 15).toString(16)).join('');
  return [
    { text: `TSE-TRANSAKTION: ${random.int(10000, 999999)}` },
    { text: `TSE-START: ${iso(started)}` },
    { text: `TSE-STOP: ${iso(stopped)}` },
    { text: `TSE-SERIENNR.: ${hex(24)}` },
    { text: `TSE-SIGNATURZÄHLER: ${random.int(1000, 99999)}` },
    { text: `TSE-SIGNATUR: ${hex(28).toUpperCase()}` },
  ];
}
