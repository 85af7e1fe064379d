// Merchant and address from the header: the lines above the first date, amount or contact line.
// The merchant is the line carrying a company suffix, else the first line that reads like a name;
// the address is what follows it, minus registration numbers, up to the phone/tax/invoice lines.
import { type DecimalMark, findAmounts } from './amounts.ts';
import { letterShare, type TextLine } from './lines.ts';

const companySuffix =
  /\b(?:SDN\.?\s*BHD|S\/B|BHD|BERHAD|ENTERPRISE|TRADING|HOLDINGS?|LTD|LIMITED|INC|LLC|L\.?L\.?P|GMBH|AG|S\.?A\.?R?\.?L?|PLC|PTY|PTE|CORP(?:ORATION)?|CO\.?|COMPANY|RESTAURANTS?|RESTORAN|CAFE|BISTRO|HOTEL|MART|SUPERMARKET|HYPERMARKET|MINIMARKET|STORES?|SHOP|HARDWARE|PHARMACY|FARMASI|BAKERY|KEDAI|STATIONERY|BOOKSTORE|PETROL|STATION|MARKET)\b/;
// Company registration numbers, printed beside or under the name: "(742014-W)", "CO.REG: 860671-D", "ROC 1026984-X".
const registration =
  /\(?\s*(?:\b(?:(?:CO(?:MPANY)?|C0|BUSINESS)\b[^\p{L}\d]{0,3}(?:REG\w*|NO|\w{1,3}(?=\s*:))\b(?:\.?\s*N[O0]\b\.?)?|ROC\b|BRN\b|REG(?:ISTRATION)?\b(?:\.?\s*N[O0]\b\.?)?)[^\p{L}\d]{0,4}[\dA-Z]{0,2}\d[\d-]{3,}\s?-?\s?[A-Z]?\b|\b\d[\d\s]{4,}\s?-?\s?[A-Z]\b)\s*\)?/u;
const phone = /(?:\+?\d{1,3}[\s-])?\(?\d{2,4}\)?[\s-]\d{3,4}[\s-]?\d{3,4}[\s.,;]*$/;
const headerEnd =
  /TAXINVOICE|GST(?:ID|NO|REG)|\b(?:TEL|TELEPHONE|PHONE|PH|FAX|H\/?P|MOBILE|E-?MAIL|WWW|HTTP|GST|SST|VAT|TAX|INVOICE|RECEIPT|BILL|DATE|TIME|CASHIER|TABLE|ORDER|DOC(?:UMENT)?|SLIP|TRANS|MEMBER|COUNTER|TERMINAL|POS|SALES?\s*PERSON|OPEN|OPERAT|HOURS)\b/;
const notAName =
  /^(?:WELCOME|THANK|OFFICIAL|COPY|DUPLICATE|CASH BILL)|\bINV[O0Q]ICE\b|\bRECEIPT\b|\bTAX\s*INV|\bSIMPLIFIED\b/;
/** The suffixes of a company's legal name, as opposed to words for a trade (CAFE, HARDWARE). */
const legalSuffix =
  /\b(?:SDN\.?\s*BHD|S\/B|BHD|BERHAD|LTD|LIMITED|INC|LLC|L\.?L\.?P|GMBH|AG|PLC|PTY|PTE|CORP(?:ORATION)?|CO\.?|COMPANY)\b/;
/** Letters in brackets after the legal suffix: a branch or registration code ("S/B (KSB)", "SDN BHD (8199K)"). */
const afterLegalSuffix = /(\b(?:SDN\.?\s*BHD|S\/B|BHD|BERHAD)\.?)\W*\([^)]*\)?\W*$/i;
/** The commonest company suffixes as OCR misreads them ("SON BHD", "5DN BHD", "SDN 3HD", "SIN BHI", "§/B", "5/B"). */
const suffixMisreads: [RegExp, string][] = [
  [/\b[S5][O0DUI]{0,2}N\.?\s*[B83][H8N][DI]\b/gi, 'SDN BHD'],
  [/(?:§|\b5)\/B\b/g, 'S/B'],
];

function fixSuffix(name: string): string {
  return suffixMisreads.reduce((fixed, [misread, suffix]) => fixed.replace(misread, suffix), name);
}
const addressWord =
  /\b(?:NO\.?|LOT|JALAN|JLN|JL|LORONG|TAMAN|TMN|STREET|ST|ROAD|RD|AVENUE|AVE|LANE|BLVD|DRIVE|DR|WAY|FLOOR|FLR|SUITE|UNIT|BLOCK|BLK|KAMPUNG|KG|BANDAR|BDR|PLAZA|MALL|CENTRE|CENTER|SQUARE|PARK|SEKSYEN|SECTION|PERSIARAN|LEBUH|\d{5})\b/;
/** How the order is served or paid, printed under the address: "CARRY OUT NOW Pay By: CASH", "PREPAY CHIT". */
const addressEnd = /\b(?:PAY\s*BY|PREPAY|CARRY\s*OUT|DINE\s*IN|TAKE\s*AWAY|CHIT)\b/;
const maxAddressLines = 5;
const maxSkippedBeforeAddress = 2;
const ownerLine =
  /^\W*(?:LICENSEE|FRANCHISEE|OPERATED\s+BY|OWNED\s+BY|MANAGED\s+BY|A\s+MEMBER\s+OF|DIMILIKI\s+OLEH|MILIK)\b/;
/** "(00161023-P)" and its OCR variants: a parenthesised number, nothing else. */
const bareRegistration = /^\W*\(\s*[\dA-Z]*\d{5,}[^)]{0,4}\)\W*$/;

/** A registration label whose number is elsewhere: "ROC No.", "Company No", "BR No." (alone, or leading a line). */
const registrationLabel = /^\W*(?:(?:C[O0][MN]PANY|BR|ROC|REG(?:ISTRATION)?)\.?\s*NO\b\.?|ROC|BRN)\s*[:.]?/;

/** A tax registration line, before the address as often as after it: "GST ID: 000381399040", "(GST REF NO : 0016)". */
const taxIdLine =
  /^\W*(?:GST|SST|VAT|TAX)\s*(?:ID|REG\w*|REF)?\.?\s*(?:N[O0]\b)?[^\p{L}\d]{0,4}\d[\d\s]{5,}\W*(?:\d{5,}[A-Z]?\W*)?$/u;

/** A parenthesised registration number beside a name, however OCR reads its dash: "(519537· X)", "(I39386 X)". */
const registrationInParentheses = /\(\s*[\dA-Z]*\d{5,}[^)]{0,6}\)?/giu;

/** A time of day: a date and time printed under the name, however they were read ("05 Mar 201818:24"). */
const timeOfDay = /\d{1,2}:\d{2}/;

/** A number alone, or a registration label alone: "122703", "REG. NO". */
const bareNumberOrLabel = /^\W*(?:\d{5,}|(?:CO\.?\s*)?REG(?:ISTRATION)?\.?\s*(?:NO)?)\W*$/;

function skipBeforeAddress(line: TextLine, isDate: boolean): boolean {
  if (ownerLine.test(line.upper) || bareRegistration.test(line.upper) || bareNumberOrLabel.test(line.upper)) {
    return true;
  }
  // A date or time under the name, when the address follows it.
  if (
    (isDate || (timeOfDay.test(line.text) && !addressWord.test(line.upper))) &&
    findAmounts(line.text).length === 0 &&
    !headerEnd.test(line.upper.replace(/\b(?:DATE|TIME)\b/g, ''))
  ) {
    return true;
  }
  // A second name line (a trading name under the company): no number and no address word.
  return !/\d/.test(line.text) && !addressWord.test(line.upper) && looksLikeName(line);
}

export interface Header {
  merchant: string | null;
  merchantConfidence: number;
  address: string | null;
  addressConfidence: number;
  /** Index of the first line after the header. */
  end: number;
}

/** A date, a contact or tax line, or an amount written as this receipt writes them ends the header. */
function isHeaderEnd(line: TextLine, today: boolean, mark: DecimalMark): boolean {
  return today || headerEnd.test(line.upper) || findAmounts(line.text).some((amount) => amount.decimalMark === mark);
}

/** Noise OCR reads from stamps, handwriting and logos: short, lower case, or mostly symbols. */
function isNoise(line: TextLine): boolean {
  const letters = line.text.match(/\p{L}/gu)?.length ?? 0;
  const upper = line.text.match(/\p{Lu}/gu)?.length ?? 0;
  const alnum = line.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return alnum < 3 || (letters > 0 && upper === 0) || alnum / line.text.replace(/\s/g, '').length < 0.6;
}

function looksLikeName(line: TextLine): boolean {
  return !isNoise(line) && letterShare(line.text) >= 0.6 && !notAName.test(line.upper) && !addressWord.test(line.upper);
}

function clean(text: string): string {
  return (
    text
      .replace(new RegExp(registration.source, 'gu'), ' ')
      .replace(registrationInParentheses, ' ')
      // A registration number leading the line, letters first: "JM0325955-V NO.59 JALAN ...".
      .replace(/^\W*[A-Z]{1,3}\d{6,}\s?-\s?[A-Z]\b/u, ' ')
      .replace(/\b(?:CO(?:MPANY)?|ROC)\.?\s*REG(?:ISTRATION)?\.?\s*(?:NO|N0|M0|MO)?\.?\s*:?/giu, ' ')
      .replace(/^\W*\d{6,}\W+(?=\d)/u, '')
      .replace(/^[^\p{L}\p{N}(]+/u, '')
      .replace(/[^\p{L}\p{N}.,)]+$/u, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function findHeader(lines: TextLine[], hasDate: (line: TextLine) => boolean, mark: DecimalMark = '.'): Header {
  // A document title printed above the name ("TAX INVOICE") does not end the header.
  let end = lines.findIndex(
    (line, i) => isHeaderEnd(line, hasDate(line), mark) && !(i < 2 && notAName.test(line.upper) && !hasDate(line)),
  );
  if (end === -1) end = Math.min(lines.length, 8);
  const header = lines.slice(0, Math.max(end, 1));

  let merchantAt = header.findIndex(
    // A leading number is an address ("12, JALAN ...", "NO 5", "LOT 3") unless a name follows it ("99 SPEED MART").
    (line, i) =>
      i < 6 &&
      companySuffix.test(line.upper) &&
      !isNoise(line) &&
      !/^\W*(?:NO\b|LOT\b|\d+\s*[,./-])/.test(line.upper) &&
      // "Company Reg. No: 1055194-X": a registration line, not a name.
      (clean(line.upper).match(/\p{L}/gu)?.length ?? 0) >= 3,
  );
  let merchant: string | null = null;
  let merchantConfidence = 0;
  const suffixLine = header[merchantAt];
  if (suffixLine) {
    merchant = suffixLine.text;
    const before = header[merchantAt - 1];
    // "SYARIKAT ABC" / "SDN BHD" printed on two lines; also "POPULAR BOOK" / "CO. (M) SDN BHD":
    // suffixes and a country tag, no name of their own. Trade words alone ("BISTRO & CAFE") under a
    // name say what the place is: the name is the line above.
    const ownName = suffixLine.upper
      .replace(new RegExp(companySuffix.source, 'g'), ' ')
      .replace(/\([A-Z]{1,2}\)/g, ' ');
    if (before && looksLikeName(before) && (ownName.match(/\p{L}/gu)?.length ?? 0) < 4) {
      merchant = legalSuffix.test(suffixLine.upper) ? `${before.text} ${merchant}` : before.text;
    }
    merchantConfidence = 0.85 * Math.max(0.5, suffixLine.confidence);
  } else {
    merchantAt = header.findIndex(looksLikeName);
    const nameLine = header[merchantAt];
    if (nameLine) {
      merchant = nameLine.text;
      merchantConfidence = 0.6 * Math.max(0.5, nameLine.confidence);
    }
  }

  const addressLines: string[] = [];
  const following = merchantAt >= 0 ? lines.slice(merchantAt + 1) : [];
  let skipped = 0;
  for (const line of following) {
    if (addressLines.length >= maxAddressLines) break;
    const rest = clean(line.upper);
    if (registration.test(line.upper) && (rest.match(/\p{L}/gu)?.length ?? 0) < 4) {
      if (addressLines.length === 0) continue;
      break;
    }
    const label = line.upper.match(registrationLabel)?.[0];
    if (label && label.length >= line.upper.trim().length - 1) {
      if (addressLines.length === 0) continue;
      break;
    }
    if (addressLines.length === 0 && taxIdLine.test(line.upper)) continue;
    // Before the address: a date printed under the name, an owner or licensee line, a second name line.
    if (addressLines.length === 0 && skipped < maxSkippedBeforeAddress && skipBeforeAddress(line, hasDate(line))) {
      skipped++;
      continue;
    }
    const contact =
      phone.test(line.text) && (letterShare(line.text) < 0.3 || /:\s*$/.test(line.text.replace(phone, '')));
    if (isHeaderEnd(line, hasDate(line), mark) || isNoise(line) || contact || addressEnd.test(line.upper)) break;
    const text = label ? line.text.slice(label.length) : line.text;
    addressLines.push(clean(text).replace(phone, '').trim());
  }
  const address = addressLines.filter(Boolean).join(' ') || null;
  const addressLooksRight = address !== null && addressWord.test(address.toUpperCase());
  return {
    merchant: merchant ? fixSuffix(clean(merchant)).replace(afterLegalSuffix, '$1') || null : null,
    merchantConfidence,
    address,
    addressConfidence: address ? (addressLooksRight ? 0.7 : 0.4) : 0,
    end,
  };
}
