// How tills print in each country: words, number and date formats, VAT rates, merchants, streets
// and goods. Words are the ones real receipts use (see docs/reading.md, European receipts).
import type { Random } from './random.ts';

export type ShopKind = 'grocery' | 'restaurant' | 'cafe' | 'pharmacy' | 'fuel' | 'hotel' | 'electronics';
/** Name, lowest and highest unit price in cents, index into the locale's VAT rates. */
export type Good = readonly [name: string, min: number, max: number, rate: number];
export type Day = { year: number; month: number; day: number; hour: number; minute: number };

export interface Words {
  total: string[];
  /** Printed after cash rounding or a tip: the amount paid. */
  finalTotal: string[];
  subtotal: string[];
  discount: string[];
  cash: string[];
  change: string[];
  card: string[];
  tip: string[];
  itemCount: string[];
  points: string[];
  /** A loyalty balance printed as money: not the total. */
  balance: string[];
  date: string[];
  receiptNo: string[];
  cashier: string[];
  table: string[];
  thanks: string[];
  vat: string;
  /** VAT table header: rate, net, tax, gross. */
  vatHeader: [string, string, string, string];
  /** "of which VAT" line, for receipts without a table. */
  vatIncluded: string;
  /** Label of the row that sums a VAT table. */
  vatSum: string;
  perKg: string;
  deposit?: [string, string];
  rounding?: string;
}

export interface Locale {
  id: string;
  language: 'fr' | 'de' | 'es' | 'it' | 'nl' | 'en';
  currency: 'EUR' | 'GBP' | 'CHF';
  /** How the currency is printed beside amounts. */
  signs: string[];
  signBefore: number;
  decimal: ',' | '.';
  /** Thousands separators in use (one drawn per receipt). */
  groups: string[];
  trailingMinus: number;
  /** Tenths of a percent: 200 is 20 %. */
  vatRates: number[];
  months: string[];
  shortMonths: string[];
  dateFormats: ((day: Day, locale: Locale) => string)[];
  time: (day: Day) => string;
  words: Words;
  merchants: Record<ShopKind, string[]>;
  suffixes: string[];
  streets: ((random: Random) => string)[];
  cities: [postcode: string, city: string][];
  phone: (random: Random) => string;
  taxId: (random: Random) => string;
  goods: Record<ShopKind, Good[]>;
}

const pad = (value: number, size = 2) => String(value).padStart(size, '0');
const digits = (random: Random, count: number) => Array.from({ length: count }, () => random.int(0, 9)).join('');
const yy = (day: Day) => pad(day.year % 100);

const dmy =
  (separator: string, short = false) =>
  (day: Day) =>
    [pad(day.day), pad(day.month), short ? yy(day) : String(day.year)].join(separator);
const isoDay = (day: Day) => `${day.year}-${pad(day.month)}-${pad(day.day)}`;
const named =
  (shape: (day: Day, month: string) => string, short = false) =>
  (day: Day, locale: Locale) =>
    shape(day, (short ? locale.shortMonths : locale.months)[day.month - 1] ?? '');

const hm = (day: Day) => `${pad(day.hour)}:${pad(day.minute)}`;

const sharedFuel: Good[] = [['SP95-E10', 165, 199, 0]];

export const locales: Locale[] = [
  {
    id: 'fr',
    language: 'fr',
    currency: 'EUR',
    signs: ['€', 'EUR'],
    signBefore: 0.1,
    decimal: ',',
    groups: [' ', '\u202f', ''],
    trailingMinus: 0,
    vatRates: [200, 100, 55],
    months: [
      'janvier',
      'février',
      'mars',
      'avril',
      'mai',
      'juin',
      'juillet',
      'août',
      'septembre',
      'octobre',
      'novembre',
      'décembre',
    ],
    shortMonths: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
    dateFormats: [
      dmy('/'),
      dmy('/', true),
      dmy('-', true),
      named((d, m) => `${d.day} ${m} ${d.year}`, true),
      named((d, m) => `${d.day} ${m} ${d.year}`),
      named((d, m) => `LE ${d.day} ${m.toUpperCase()} ${d.year}`),
    ],
    time: (day) => `${pad(day.hour)}h${pad(day.minute)}`,
    words: {
      total: ['TOTAL TTC', 'TOTAL', 'NET A PAYER', 'MONTANT TTC', 'TOTAL A PAYER'],
      finalTotal: ['TOTAL PAYÉ', 'NET A PAYER', 'MONTANT PAYÉ'],
      subtotal: ['SOUS-TOTAL', 'SOUS TOTAL'],
      discount: ['REMISE', 'RÉDUCTION', 'REMISE FIDÉLITÉ'],
      cash: ['ESPÈCES', 'ESPECES'],
      change: ['RENDU', 'RENDU MONNAIE', 'MONNAIE RENDUE'],
      card: ['CB', 'CARTE BANCAIRE', 'CB SANS CONTACT'],
      tip: ['POURBOIRE'],
      itemCount: ['NB ARTICLES', "NOMBRE D'ARTICLES", 'ARTICLES'],
      points: ['POINTS FIDÉLITÉ', 'POINTS CUMULÉS'],
      balance: ['SOLDE CAGNOTTE', 'VOTRE CAGNOTTE'],
      date: ['DATE', 'LE'],
      receiptNo: ['TICKET N°', 'TICKET', 'N° TRANSACTION'],
      cashier: ['CAISSE', 'CAISSIER', 'HÔTESSE'],
      table: ['TABLE', 'COUVERTS'],
      thanks: ['MERCI DE VOTRE VISITE', 'À BIENTÔT', 'MERCI ET À BIENTÔT'],
      vat: 'TVA',
      vatHeader: ['TAUX', 'HT', 'TVA', 'TTC'],
      vatIncluded: 'DONT TVA',
      vatSum: 'TOTAL',
      perKg: '€/kg',
    },
    merchants: {
      grocery: ['SUPERMARCHÉ DU MARCHÉ', 'ÉPICERIE DES HALLES', 'PRIMEUR DU CENTRE', 'MARCHÉ FRAIS'],
      restaurant: ['BRASSERIE DU PORT', 'LE BISTROT DE LÉON', "RESTAURANT L'ESCALE", 'CHEZ MARCEL'],
      cafe: ['BOULANGERIE MARTIN', 'CAFÉ DE LA GARE', 'PÂTISSERIE DUBOIS'],
      pharmacy: ['PHARMACIE CENTRALE', 'PHARMACIE DU MARCHÉ'],
      fuel: ['STATION DU LAC', 'RELAIS DES ALPES'],
      hotel: ['HÔTEL DU PARC', 'HÔTEL DES VOYAGEURS'],
      electronics: ['INFO PLUS', 'BUREAU ET PAPIER'],
    },
    suffixes: ['SARL', 'SAS', ''],
    streets: [
      (r) =>
        `${r.int(1, 120)} RUE ${r.pick(['DE LA PAIX', 'VICTOR HUGO', 'DES ÉCOLES', 'DU COMMERCE', 'JEAN JAURÈS'])}`,
      (r) => `${r.int(1, 90)} AVENUE ${r.pick(['DE LA RÉPUBLIQUE', 'FOCH', 'DES TILLEULS'])}`,
      (r) => `${r.int(1, 40)} BD ${r.pick(['GAMBETTA', 'PASTEUR', 'SAINT-MICHEL'])}`,
      (r) => `${r.int(1, 30)} PLACE ${r.pick(['DU MARCHÉ', 'DE LA MAIRIE'])}`,
    ],
    cities: [
      ['75011', 'PARIS'],
      ['69002', 'LYON'],
      ['13001', 'MARSEILLE'],
      ['31000', 'TOULOUSE'],
      ['44000', 'NANTES'],
      ['67000', 'STRASBOURG'],
    ],
    phone: (r) =>
      r.chance(0.3)
        ? `TÉL : +33 ${r.int(1, 5)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`
        : `TÉL : 0${r.int(1, 5)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    taxId: (r) =>
      r.chance(0.5)
        ? `TVA INTRACOM FR${digits(r, 11)}`
        : `SIRET ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 5)}`,
    goods: {
      grocery: [
        ['BAGUETTE TRADITION', 95, 130, 2],
        ['LAIT DEMI-ÉCRÉMÉ 1L', 89, 129, 2],
        ['BEURRE DOUX 250G', 219, 289, 2],
        ['COMTÉ AOP 200G', 349, 499, 2],
        ['POMMES GOLDEN', 199, 349, 2],
        ['YAOURT NATURE X8', 189, 279, 2],
        ['CAFÉ MOULU 250G', 299, 449, 2],
        ['EAU MINÉRALE 6X1,5L', 249, 399, 2],
        ['VIN ROUGE BORDEAUX', 499, 1299, 0],
        ['LESSIVE LIQUIDE', 599, 1099, 0],
        ['PAPIER TOILETTE X12', 399, 699, 0],
        ['JAMBON BLANC 4 TR', 249, 399, 2],
      ],
      restaurant: [
        ['ENTRECÔTE FRITES', 1890, 2490, 1],
        ['SALADE NIÇOISE', 1250, 1590, 1],
        ['MENU DU JOUR', 1490, 1990, 1],
        ['CONFIT DE CANARD', 1790, 2290, 1],
        ['CRÈME BRÛLÉE', 650, 890, 1],
        ['CAFÉ', 180, 250, 1],
        ['PICHET DE VIN 50CL', 1200, 1800, 0],
        ['EAU PLATE 1L', 350, 550, 1],
      ],
      cafe: [
        ['CROISSANT', 110, 150, 2],
        ['PAIN AU CHOCOLAT', 120, 160, 2],
        ['CAFÉ CRÈME', 250, 380, 1],
        ['TARTE AUX POMMES', 290, 420, 2],
        ['SANDWICH JAMBON BEURRE', 450, 650, 1],
      ],
      pharmacy: [
        ['DOLIPRANE 1000MG', 210, 290, 2],
        ['CRÈME HYDRATANTE', 890, 1590, 0],
        ['SÉRUM PHYSIOLOGIQUE', 350, 590, 0],
        ['VITAMINE C', 590, 990, 0],
      ],
      fuel: [['GAZOLE', 165, 199, 0], ...sharedFuel],
      hotel: [
        ['NUITÉE CHAMBRE DOUBLE', 8900, 18900, 1],
        ['PETIT DÉJEUNER', 1200, 1900, 1],
        ['TAXE DE SÉJOUR', 100, 330, 1],
      ],
      electronics: [
        ['ORDINATEUR PORTABLE 15"', 59900, 149900, 0],
        ['ÉCRAN 27 POUCES', 19900, 39900, 0],
        ['CLAVIER SANS FIL', 2990, 7990, 0],
        ['CARTOUCHE ENCRE', 1990, 4990, 0],
      ],
    },
  },
  {
    id: 'de',
    language: 'de',
    currency: 'EUR',
    signs: ['EUR', '€'],
    signBefore: 0.3,
    decimal: ',',
    groups: ['.', ''],
    trailingMinus: 0.5,
    vatRates: [190, 70],
    months: [
      'Januar',
      'Februar',
      'März',
      'April',
      'Mai',
      'Juni',
      'Juli',
      'August',
      'September',
      'Oktober',
      'November',
      'Dezember',
    ],
    shortMonths: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
    dateFormats: [
      dmy('.'),
      dmy('.', true),
      named((d, m) => `${d.day}. ${m} ${d.year}`, true),
      named((d, m) => `${pad(d.day)}. ${m} ${d.year}`),
    ],
    time: (day) => (day.minute % 3 === 0 ? `${hm(day)} Uhr` : hm(day)),
    words: {
      total: ['SUMME', 'GESAMT', 'GESAMTBETRAG', 'ZU ZAHLEN', 'SUMME EUR'],
      finalTotal: ['GESAMT', 'ZU ZAHLEN', 'GESAMTBETRAG'],
      subtotal: ['ZW.-SUMME', 'ZWISCHENSUMME'],
      discount: ['RABATT', 'AKTIONSRABATT', 'MITARBEITERRABATT'],
      cash: ['BAR', 'GEGEBEN', 'BAR GEGEBEN'],
      change: ['RÜCKGELD', 'ZURÜCK'],
      card: ['EC-KARTE', 'GIROCARD', 'KARTENZAHLUNG'],
      tip: ['TRINKGELD'],
      itemCount: ['ANZAHL ARTIKEL', 'ARTIKEL'],
      points: ['PAYBACK PUNKTE', 'PUNKTE GESAMMELT'],
      balance: ['GUTHABEN BONUSKARTE', 'IHR BONUSGUTHABEN'],
      date: ['DATUM', 'DATUM:'],
      receiptNo: ['BON-NR.', 'BELEG-NR.', 'BON'],
      cashier: ['KASSE', 'BEDIENER', 'ES BEDIENTE SIE'],
      table: ['TISCH', 'TISCH NR.'],
      thanks: ['VIELEN DANK FÜR IHREN EINKAUF', 'DANKE FÜR IHREN BESUCH', 'BIS ZUM NÄCHSTEN MAL'],
      vat: 'MWST',
      vatHeader: ['MWST%', 'NETTO', 'MWST', 'BRUTTO'],
      vatIncluded: 'ENTHALTENE MWST',
      vatSum: 'SUMME',
      perKg: 'EUR/kg',
      deposit: ['PFAND', 'LEERGUT'],
    },
    merchants: {
      grocery: ['FRISCHMARKT MÜLLER', 'BIOMARKT SONNENHOF', 'EDEKA NEUKAUF WAGNER', 'GETRÄNKEMARKT KRONE'],
      restaurant: ['GASTHAUS ZUM LÖWEN', 'RESTAURANT ALTE MÜHLE', 'BRAUHAUS AM MARKT', 'TRATTORIA BELLA VISTA'],
      cafe: ['BÄCKEREI SCHMIDT', 'CAFÉ KÖNIG', 'KONDITOREI WEBER'],
      pharmacy: ['STADT-APOTHEKE', 'ROSEN-APOTHEKE'],
      fuel: ['TANKSTELLE NORD', 'AUTOHOF SÜD'],
      hotel: ['HOTEL ZUR POST', 'HOTEL AM SEE'],
      electronics: ['ELEKTRO KRAUSE', 'BÜROBEDARF LANGE'],
    },
    suffixes: ['GMBH', 'GMBH & CO. KG', 'E.K.', ''],
    streets: [
      (r) =>
        `${r.pick(['HAUPTSTRASSE', 'BAHNHOFSTR.', 'GARTENWEG', 'SCHILLERSTRASSE', 'LINDENALLEE'])} ${r.int(1, 140)}`,
      (r) => `${r.pick(['MARKTPLATZ', 'KIRCHPLATZ', 'AM RATHAUS'])} ${r.int(1, 30)}`,
    ],
    cities: [
      ['10115', 'BERLIN'],
      ['80331', 'MÜNCHEN'],
      ['50667', 'KÖLN'],
      ['20095', 'HAMBURG'],
      ['60311', 'FRANKFURT AM MAIN'],
      ['70173', 'STUTTGART'],
    ],
    phone: (r) =>
      r.chance(0.3)
        ? `TEL. +49 ${r.int(30, 89)} ${digits(r, 7)}`
        : `TEL. 0${r.int(30, 89)} / ${digits(r, 3)} ${digits(r, 4)}`,
    taxId: (r) =>
      r.chance(0.6) ? `USt-IdNr.: DE${digits(r, 9)}` : `St.-Nr. ${digits(r, 2)}/${digits(r, 3)}/${digits(r, 5)}`,
    goods: {
      grocery: [
        ['VOLLMILCH 3,5% 1L', 99, 139, 1],
        ['BUTTER 250G', 199, 279, 1],
        ['ROGGENBROT 750G', 229, 349, 1],
        ['BANANEN', 129, 229, 1],
        ['GOUDA JUNG 400G', 299, 449, 1],
        ['KAFFEE GEMAHLEN 500G', 499, 799, 1],
        ['MINERALWASSER 1,5L', 49, 89, 0],
        ['APFELSAFT 1L', 119, 199, 0],
        ['BIER 0,5L', 79, 129, 0],
        ['SPÜLMITTEL', 99, 199, 0],
        ['TOILETTENPAPIER 8ER', 299, 499, 0],
        ['SCHOKOLADE 100G', 89, 149, 1],
      ],
      restaurant: [
        ['SCHNITZEL WIENER ART', 1490, 1990, 0],
        ['SCHWEINSBRATEN', 1390, 1790, 0],
        ['KÄSESPÄTZLE', 1190, 1490, 0],
        ['APFELSTRUDEL', 590, 790, 0],
        ['HELLES 0,5L', 420, 520, 0],
        ['APFELSCHORLE 0,4L', 350, 450, 0],
        ['ESPRESSO', 240, 320, 0],
        ['TAGESSUPPE', 590, 790, 0],
      ],
      cafe: [
        ['BREZEL', 80, 120, 1],
        ['CROISSANT', 120, 160, 1],
        ['CAPPUCCINO', 320, 420, 0],
        ['KÄSEKUCHEN', 320, 420, 1],
        ['BELEGTES BRÖTCHEN', 290, 420, 1],
      ],
      pharmacy: [
        ['IBUPROFEN 400 20 ST', 399, 699, 0],
        ['NASENSPRAY', 399, 599, 0],
        ['HANDCREME', 499, 899, 0],
        ['MAGNESIUM 300', 699, 1299, 0],
      ],
      fuel: [
        ['SUPER E10', 165, 199, 0],
        ['DIESEL', 159, 189, 0],
      ],
      hotel: [
        ['ÜBERNACHTUNG EZ', 7900, 15900, 1],
        ['FRÜHSTÜCK', 1200, 1900, 0],
        ['CITY-TAX', 200, 500, 1],
      ],
      electronics: [
        ['NOTEBOOK 15,6"', 59900, 149900, 0],
        ['MONITOR 27 ZOLL', 19900, 39900, 0],
        ['DRUCKERPATRONE', 1990, 4990, 0],
        ['USB-C KABEL', 990, 2490, 0],
      ],
    },
  },
  {
    id: 'es',
    language: 'es',
    currency: 'EUR',
    signs: ['€', 'EUR', 'EUROS'],
    signBefore: 0.1,
    decimal: ',',
    groups: ['.', ''],
    trailingMinus: 0,
    vatRates: [210, 100, 40],
    months: [
      'enero',
      'febrero',
      'marzo',
      'abril',
      'mayo',
      'junio',
      'julio',
      'agosto',
      'septiembre',
      'octubre',
      'noviembre',
      'diciembre',
    ],
    shortMonths: ['ene.', 'feb.', 'mar.', 'abr.', 'may.', 'jun.', 'jul.', 'ago.', 'sep.', 'oct.', 'nov.', 'dic.'],
    dateFormats: [
      dmy('/'),
      dmy('-'),
      dmy('/', true),
      named((d, m) => `${d.day} de ${m} de ${d.year}`),
      named((d, m) => `${pad(d.day)} ${m.toUpperCase()} ${d.year}`, true),
    ],
    time: hm,
    words: {
      total: ['TOTAL', 'TOTAL A PAGAR', 'IMPORTE', 'TOTAL COMPRA', 'IMPORTE TOTAL'],
      finalTotal: ['TOTAL A PAGAR', 'TOTAL PAGADO', 'IMPORTE TOTAL'],
      subtotal: ['SUBTOTAL'],
      discount: ['DESCUENTO', 'DTO.', 'PROMOCIÓN'],
      cash: ['EFECTIVO', 'ENTREGADO'],
      change: ['CAMBIO', 'A DEVOLVER'],
      card: ['TARJETA', 'TARJETA CRÉDITO', 'PAGO CON TARJETA'],
      tip: ['PROPINA'],
      itemCount: ['Nº ARTÍCULOS', 'ARTÍCULOS', 'TOTAL ARTÍCULOS'],
      points: ['PUNTOS ACUMULADOS', 'PUNTOS'],
      balance: ['SALDO TARJETA CLUB', 'SALDO MONEDERO'],
      date: ['FECHA', 'FECHA:'],
      receiptNo: ['TICKET', 'FACTURA SIMPLIFICADA Nº', 'Nº OPERACIÓN'],
      cashier: ['CAJA', 'LE ATENDIÓ', 'CAJERO'],
      table: ['MESA', 'COMENSALES'],
      thanks: ['GRACIAS POR SU VISITA', 'GRACIAS POR SU COMPRA'],
      vat: 'IVA',
      vatHeader: ['IVA', 'BASE', 'CUOTA', 'TOTAL'],
      vatIncluded: 'IVA INCLUIDO',
      vatSum: 'TOTAL',
      perKg: '€/kg',
    },
    merchants: {
      grocery: ['SUPERMERCADO LA PLAZA', 'FRUTERÍA EL HUERTO', 'ULTRAMARINOS GARCÍA'],
      restaurant: ['RESTAURANTE CASA PEPE', 'TABERNA EL TORO', 'MESÓN DEL MAR', 'BAR LA ESQUINA'],
      cafe: ['CAFETERÍA CENTRAL', 'PANADERÍA SAN JUAN', 'CHURRERÍA LA IDEAL'],
      pharmacy: ['FARMACIA LÓPEZ', 'FARMACIA DEL SOL'],
      fuel: ['ESTACIÓN DE SERVICIO LA RUTA'],
      hotel: ['HOTEL MIRAMAR', 'HOSTAL LA PAZ'],
      electronics: ['INFORMÁTICA NOVA', 'PAPELERÍA MODERNA'],
    },
    suffixes: ['S.L.', 'S.A.', 'S.L.U.', ''],
    streets: [
      (r) => `C/ ${r.pick(['MAYOR', 'REAL', 'DEL CARMEN', 'ALCALÁ', 'SERRANO'])}, ${r.int(1, 150)}`,
      (r) => `AVDA. ${r.pick(['DE LA CONSTITUCIÓN', 'DIAGONAL', 'DEL PUERTO'])}, ${r.int(1, 300)}`,
      (r) => `PLAZA ${r.pick(['MAYOR', 'DE ESPAÑA'])}, ${r.int(1, 20)}`,
    ],
    cities: [
      ['28013', 'MADRID'],
      ['08001', 'BARCELONA'],
      ['46001', 'VALENCIA'],
      ['41001', 'SEVILLA'],
      ['29001', 'MÁLAGA'],
      ['48001', 'BILBAO'],
    ],
    phone: (r) =>
      r.chance(0.3)
        ? `TEL: +34 ${r.int(910, 989)} ${digits(r, 3)} ${digits(r, 3)}`
        : `TEL: ${r.int(910, 989)} ${digits(r, 6)}`,
    taxId: (r) => (r.chance(0.5) ? `CIF: B${digits(r, 8)}` : `NIF: ES${r.pick(['A', 'B'])}${digits(r, 8)}`),
    goods: {
      grocery: [
        ['LECHE ENTERA 1L', 79, 119, 2],
        ['PAN DE BARRA', 60, 110, 2],
        ['ACEITE OLIVA VIRGEN 1L', 599, 999, 2],
        ['JAMÓN SERRANO 100G', 199, 399, 2],
        ['NARANJAS 2KG', 199, 349, 2],
        ['QUESO MANCHEGO', 399, 699, 2],
        ['AGUA MINERAL 1,5L', 35, 69, 1],
        ['CERVEZA PACK 6', 299, 549, 0],
        ['VINO TINTO RIOJA', 399, 1299, 0],
        ['DETERGENTE', 399, 899, 0],
        ['GALLETAS MARÍA', 99, 189, 1],
        ['ARROZ 1KG', 99, 199, 2],
      ],
      restaurant: [
        ['MENÚ DEL DÍA', 1100, 1600, 1],
        ['PAELLA MIXTA', 1400, 1900, 1],
        ['TORTILLA ESPAÑOLA', 650, 950, 1],
        ['CROQUETAS CASERAS', 750, 1050, 1],
        ['CAÑA', 200, 300, 1],
        ['COPA VINO TINTO', 280, 450, 1],
        ['CAFÉ CON LECHE', 150, 220, 1],
        ['FLAN DE LA CASA', 400, 550, 1],
      ],
      cafe: [
        ['CAFÉ SOLO', 120, 180, 1],
        ['TOSTADA CON TOMATE', 220, 350, 1],
        ['CHURROS (6)', 250, 380, 1],
        ['ZUMO DE NARANJA', 280, 420, 1],
        ['CRUASÁN', 150, 220, 1],
      ],
      pharmacy: [
        ['IBUPROFENO 600MG', 250, 450, 2],
        ['PROTECTOR SOLAR 50', 1290, 2190, 0],
        ['SUERO FISIOLÓGICO', 350, 590, 0],
        ['VITAMINA D', 790, 1290, 0],
      ],
      fuel: [
        ['GASOLINA 95', 155, 189, 0],
        ['GASÓLEO A', 149, 179, 0],
      ],
      hotel: [
        ['ALOJAMIENTO HAB. DOBLE', 7500, 16900, 1],
        ['DESAYUNO', 900, 1500, 1],
        ['TASA TURÍSTICA', 100, 400, 1],
      ],
      electronics: [
        ['PORTÁTIL 15,6"', 49900, 129900, 0],
        ['MONITOR 27"', 17900, 34900, 0],
        ['RATÓN INALÁMBRICO', 1490, 3990, 0],
        ['TÓNER IMPRESORA', 2990, 6990, 0],
      ],
    },
  },
  {
    id: 'it',
    language: 'it',
    currency: 'EUR',
    signs: ['€', 'EUR', 'EURO'],
    signBefore: 0.5,
    decimal: ',',
    groups: ['.', ''],
    trailingMinus: 0,
    vatRates: [220, 100, 40],
    months: [
      'gennaio',
      'febbraio',
      'marzo',
      'aprile',
      'maggio',
      'giugno',
      'luglio',
      'agosto',
      'settembre',
      'ottobre',
      'novembre',
      'dicembre',
    ],
    shortMonths: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
    dateFormats: [
      dmy('/'),
      dmy('-'),
      dmy('-', true),
      named((d, m) => `${d.day} ${m} ${d.year}`),
      named((d, m) => `${pad(d.day)} ${m.toUpperCase()} ${d.year}`, true),
    ],
    time: hm,
    words: {
      total: ['TOTALE', 'TOTALE COMPLESSIVO', 'TOTALE EURO', 'IMPORTO'],
      finalTotal: ['IMPORTO PAGATO', 'TOTALE COMPLESSIVO', 'TOTALE DA PAGARE'],
      subtotal: ['SUBTOTALE'],
      discount: ['SCONTO', 'SCONTO CASSA', 'SCONTO FEDELTÀ'],
      cash: ['CONTANTI', 'PAGAMENTO CONTANTE'],
      change: ['RESTO', 'RESTO EURO'],
      card: ['PAGAMENTO ELETTRONICO', 'CARTA DI CREDITO', 'BANCOMAT'],
      tip: ['MANCIA'],
      itemCount: ['ARTICOLI', 'N. PEZZI', 'NUMERO ARTICOLI'],
      points: ['PUNTI ACCUMULATI', 'PUNTI'],
      balance: ['SALDO CARTA FEDELTÀ', 'BUONO SCONTO DISPONIBILE'],
      date: ['DATA', 'DATA:'],
      receiptNo: ['DOC. N.', 'DOCUMENTO N.', 'SCONTRINO N.'],
      cashier: ['CASSA', 'OPERATORE', 'CASSIERE'],
      table: ['TAVOLO', 'COPERTI'],
      thanks: ['GRAZIE E ARRIVEDERCI', 'GRAZIE PER LA VISITA'],
      vat: 'IVA',
      vatHeader: ['ALIQ.', 'IMPONIBILE', 'IMPOSTA', 'TOTALE'],
      vatIncluded: 'DI CUI IVA',
      vatSum: 'TOTALE',
      perKg: '€/kg',
    },
    merchants: {
      grocery: ['ALIMENTARI ROSSI', 'SUPERMERCATO IL GIARDINO', 'MACELLERIA BIANCHI'],
      restaurant: ['TRATTORIA DA MARIO', 'RISTORANTE IL GABBIANO', 'OSTERIA DEL PONTE', 'PIZZERIA NAPOLI'],
      cafe: ['BAR CENTRALE', 'PASTICCERIA MILANO', 'CAFFÈ DEL CORSO'],
      pharmacy: ['FARMACIA COMUNALE', 'FARMACIA SAN MARCO'],
      fuel: ['STAZIONE DI SERVIZIO AURELIA'],
      hotel: ['HOTEL BELVEDERE', 'ALBERGO ROMA'],
      electronics: ['INFORMATICA VERDI', 'CARTOLERIA MODERNA'],
    },
    suffixes: ['S.R.L.', 'S.P.A.', 'S.N.C.', ''],
    streets: [
      (r) => `VIA ${r.pick(['ROMA', 'GARIBALDI', 'DANTE ALIGHIERI', 'MAZZINI', 'CAVOUR'])} ${r.int(1, 150)}`,
      (r) => `CORSO ${r.pick(['VITTORIO EMANUELE', 'ITALIA', 'BUENOS AIRES'])}, ${r.int(1, 200)}`,
      (r) => `PIAZZA ${r.pick(['DEL DUOMO', 'DELLA REPUBBLICA', 'SAN MARCO'])} ${r.int(1, 20)}`,
    ],
    cities: [
      ['00184', 'ROMA'],
      ['20121', 'MILANO'],
      ['50122', 'FIRENZE'],
      ['80132', 'NAPOLI'],
      ['10121', 'TORINO'],
      ['40121', 'BOLOGNA'],
    ],
    phone: (r) =>
      r.chance(0.3)
        ? `TEL. +39 0${r.int(2, 89)} ${digits(r, 7)}`
        : `TEL. 0${r.int(2, 89)} ${digits(r, 3)} ${digits(r, 4)}`,
    taxId: (r) => (r.chance(0.6) ? `P.IVA ${digits(r, 11)}` : `P.IVA IT${digits(r, 11)}`),
    goods: {
      grocery: [
        ['PASTA SPAGHETTI 500G', 79, 149, 2],
        ['PANE CASERECCIO', 150, 290, 2],
        ['MOZZARELLA 125G', 89, 159, 2],
        ['POMODORI PELATI', 69, 129, 2],
        ['PARMIGIANO 200G', 399, 599, 2],
        ['OLIO EXTRAVERGINE 1L', 699, 1099, 2],
        ['ACQUA NATURALE 1,5L', 25, 59, 0],
        ['VINO CHIANTI', 499, 1299, 0],
        ['CAFFÈ MACINATO 250G', 299, 499, 0],
        ['DETERSIVO PIATTI', 129, 249, 0],
        ['PROSCIUTTO CRUDO', 299, 549, 1],
        ['MELE', 149, 299, 2],
      ],
      restaurant: [
        ['COPERTO', 150, 300, 1],
        ['SPAGHETTI CARBONARA', 1000, 1400, 1],
        ['PIZZA MARGHERITA', 600, 900, 1],
        ['TAGLIATA DI MANZO', 1800, 2400, 1],
        ['TIRAMISÙ', 500, 700, 1],
        ['ACQUA MINERALE', 200, 350, 1],
        ['VINO DELLA CASA 1/2L', 600, 1000, 1],
        ['CAFFÈ', 120, 200, 1],
      ],
      cafe: [
        ['CAPPUCCINO', 130, 180, 1],
        ['CORNETTO', 110, 160, 1],
        ['ESPRESSO', 110, 150, 1],
        ['SPREMUTA', 300, 450, 1],
        ['TRAMEZZINO', 250, 400, 1],
      ],
      pharmacy: [
        ['TACHIPIRINA 500MG', 350, 550, 2],
        ['CREMA SOLARE', 1290, 2190, 0],
        ['INTEGRATORE MAGNESIO', 790, 1490, 0],
        ['CEROTTI', 290, 590, 0],
      ],
      fuel: [
        ['BENZINA SELF', 175, 199, 0],
        ['GASOLIO', 165, 189, 0],
      ],
      hotel: [
        ['PERNOTTAMENTO CAMERA DOPPIA', 8900, 17900, 1],
        ['COLAZIONE', 1000, 1600, 1],
        ['TASSA DI SOGGIORNO', 200, 500, 1],
      ],
      electronics: [
        ['NOTEBOOK 15,6"', 54900, 139900, 0],
        ['MONITOR 27"', 18900, 36900, 0],
        ['STAMPANTE LASER', 12900, 24900, 0],
        ['CAVO HDMI', 990, 2490, 0],
      ],
    },
  },
  {
    id: 'nl',
    language: 'nl',
    currency: 'EUR',
    signs: ['€', 'EUR'],
    signBefore: 0.7,
    decimal: ',',
    groups: ['.', ''],
    trailingMinus: 0,
    vatRates: [210, 90],
    months: [
      'januari',
      'februari',
      'maart',
      'april',
      'mei',
      'juni',
      'juli',
      'augustus',
      'september',
      'oktober',
      'november',
      'december',
    ],
    shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    dateFormats: [
      dmy('-'),
      dmy('/'),
      named((d, m) => `${d.day} ${m} ${d.year}`, true),
      named((d, m) => `${d.day} ${m} ${d.year}`),
    ],
    time: hm,
    words: {
      total: ['TOTAAL', 'TE BETALEN', 'TOTAAL EUR'],
      finalTotal: ['TE BETALEN', 'TOTAAL BETAALD'],
      subtotal: ['SUBTOTAAL'],
      discount: ['KORTING', 'BONUS KORTING'],
      cash: ['CONTANT'],
      change: ['WISSELGELD', 'TERUG'],
      card: ['PIN', 'PINBETALING', 'BETAALD MET PIN'],
      tip: ['FOOI'],
      itemCount: ['AANTAL ARTIKELEN', 'ARTIKELEN'],
      points: ['SPAARPUNTEN', 'PUNTEN'],
      balance: ['SPAARSALDO', 'TEGOED KLANTENKAART'],
      date: ['DATUM'],
      receiptNo: ['BONNR.', 'BON', 'TRANSACTIE'],
      cashier: ['KASSA', 'KASSIÈRE', 'U WERD GEHOLPEN DOOR'],
      table: ['TAFEL'],
      thanks: ['BEDANKT EN TOT ZIENS', 'DANK U WEL'],
      vat: 'BTW',
      vatHeader: ['BTW', 'EXCL.', 'BTW', 'INCL.'],
      vatIncluded: 'WAARVAN BTW',
      vatSum: 'TOTAAL',
      perKg: '€/kg',
      deposit: ['STATIEGELD', 'STATIEGELD RETOUR'],
    },
    merchants: {
      grocery: ['VERSMARKT DE ROOS', 'BUURTSUPER JANSEN', 'KAASHANDEL DE BOER'],
      restaurant: ['EETCAFÉ DE GOUDEN LEEUW', 'RESTAURANT HET ANKER', 'BISTRO DE KADE'],
      cafe: ['BAKKERIJ VAN DAM', 'KOFFIEHUIS DE MOLEN'],
      pharmacy: ['APOTHEEK CENTRUM', 'DROGISTERIJ DE VRIES'],
      fuel: ['TANKSTATION DE SNELWEG'],
      hotel: ['HOTEL DE KROON', 'HOTEL ALDEN'],
      electronics: ['COMPUTERSHOP BAKKER', 'KANTOORHANDEL SMIT'],
    },
    suffixes: ['B.V.', 'V.O.F.', ''],
    streets: [
      (r) => `${r.pick(['KERKSTRAAT', 'DORPSSTRAAT', 'MOLENWEG', 'MARKT', 'STATIONSPLEIN'])} ${r.int(1, 150)}`,
      (r) => `${r.pick(['PRINSENGRACHT', 'HOOGSTRAAT'])} ${r.int(1, 400)}`,
    ],
    cities: [
      ['1017 GC', 'AMSTERDAM'],
      ['3011 AA', 'ROTTERDAM'],
      ['3511 LN', 'UTRECHT'],
      ['2511 CV', 'DEN HAAG'],
      ['5611 EM', 'EINDHOVEN'],
    ],
    phone: (r) =>
      r.chance(0.3) ? `TEL: +31 ${r.int(10, 79)} ${digits(r, 7)}` : `TEL: 0${r.int(10, 79)}-${digits(r, 7)}`,
    taxId: (r) => (r.chance(0.6) ? `BTW-NR NL${digits(r, 9)}B01` : `KVK ${digits(r, 8)}`),
    goods: {
      grocery: [
        ['HALFVOLLE MELK 1L', 99, 139, 1],
        ['GOUDSE KAAS 500G', 449, 699, 1],
        ['VOLKORENBROOD', 199, 299, 1],
        ['APPELS ELSTAR', 199, 299, 1],
        ['STROOPWAFELS', 149, 249, 1],
        ['PINDAKAAS', 199, 349, 1],
        ['BIER KRAT 24X0,3L', 1499, 1899, 0],
        ['KOFFIEBONEN 500G', 549, 899, 1],
        ['WASMIDDEL', 599, 1199, 0],
        ['TOMATEN', 149, 249, 1],
        ['HAGELSLAG', 179, 279, 1],
        ['SINAASAPPELSAP 1L', 149, 249, 1],
      ],
      restaurant: [
        ['BITTERBALLEN (8)', 650, 850, 1],
        ['UITSMIJTER', 950, 1250, 1],
        ['SATÉ VAN DE HAAS', 1650, 2150, 1],
        ['DAGSCHOTEL', 1450, 1950, 1],
        ['PILS 0,25L', 300, 420, 0],
        ['WITTE WIJN', 450, 650, 0],
        ['KOFFIE', 270, 350, 1],
        ['APPELTAART', 400, 550, 1],
      ],
      cafe: [
        ['KOFFIE VERKEERD', 320, 420, 1],
        ['TOSTI KAAS', 450, 650, 1],
        ['CROISSANT', 180, 250, 1],
        ['APPELTAART', 380, 520, 1],
        ['VERSE MUNTTHEE', 320, 420, 1],
      ],
      pharmacy: [
        ['PARACETAMOL 500MG', 199, 399, 1],
        ['ZONNEBRAND SPF30', 999, 1599, 0],
        ['VITAMINE D', 499, 899, 1],
        ['NEUSSPRAY', 399, 599, 1],
      ],
      fuel: [
        ['EURO 95', 189, 219, 0],
        ['DIESEL', 169, 199, 0],
      ],
      hotel: [
        ['OVERNACHTING 2 PERS.', 8900, 18900, 1],
        ['ONTBIJT', 1200, 1900, 1],
        ['TOERISTENBELASTING', 300, 900, 1],
      ],
      electronics: [
        ['LAPTOP 15,6"', 54900, 139900, 0],
        ['MONITOR 27 INCH', 18900, 36900, 0],
        ['TONERCASSETTE', 3990, 8990, 0],
        ['USB-STICK 64GB', 990, 1990, 0],
      ],
    },
  },
  {
    id: 'en-gb',
    language: 'en',
    currency: 'GBP',
    signs: ['£', 'GBP'],
    signBefore: 0.95,
    decimal: '.',
    groups: [',', ''],
    trailingMinus: 0,
    vatRates: [200, 50, 0],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    dateFormats: [
      dmy('/'),
      dmy('/', true),
      isoDay,
      named((d, m) => `${d.day} ${m} ${d.year}`, true),
      named((d, m) => `${pad(d.day)}-${m.toUpperCase()}-${d.year}`, true),
    ],
    time: hm,
    words: {
      total: ['TOTAL', 'BALANCE DUE', 'AMOUNT DUE', 'TOTAL TO PAY'],
      finalTotal: ['TOTAL PAID', 'AMOUNT PAID', 'BALANCE DUE'],
      subtotal: ['SUBTOTAL', 'SUB-TOTAL'],
      discount: ['DISCOUNT', 'MULTIBUY SAVING', 'STAFF DISCOUNT'],
      cash: ['CASH', 'CASH TENDERED'],
      change: ['CHANGE', 'CHANGE DUE'],
      card: ['CARD', 'VISA DEBIT', 'CONTACTLESS'],
      tip: ['TIP', 'GRATUITY'],
      itemCount: ['ITEMS', 'NO. OF ITEMS', 'TOTAL ITEMS'],
      points: ['POINTS EARNED', 'CLUBCARD POINTS'],
      balance: ['POINTS BALANCE VALUE', 'VOUCHER BALANCE'],
      date: ['DATE', 'DATE:'],
      receiptNo: ['RECEIPT NO.', 'TRANS', 'INVOICE NO.'],
      cashier: ['TILL', 'SERVED BY', 'OPERATOR'],
      table: ['TABLE', 'COVERS'],
      thanks: ['THANK YOU FOR SHOPPING WITH US', 'THANK YOU, PLEASE COME AGAIN'],
      vat: 'VAT',
      vatHeader: ['VAT RATE', 'NET', 'VAT', 'GROSS'],
      vatIncluded: 'VAT INCLUDED',
      vatSum: 'TOTAL',
      perKg: '£/kg',
    },
    merchants: {
      grocery: ['VILLAGE STORES', 'GREENWAYS GROCERS', 'THE FARM SHOP'],
      restaurant: ['THE RED LION', 'ROSE & CROWN', 'THE OLD BELL INN', 'BRASSERIE NORTH'],
      cafe: ['CORNER CAFE', 'THE BAKEHOUSE', 'BEAN & LEAF COFFEE'],
      pharmacy: ['HIGH STREET PHARMACY', 'PARK CHEMIST'],
      fuel: ['MOTORWAY SERVICES', 'VALLEY FILLING STATION'],
      hotel: ['THE GRAND HOTEL', 'RIVERSIDE GUEST HOUSE'],
      electronics: ['PC WORLD SUPPLIES', 'OFFICE ESSENTIALS'],
    },
    suffixes: ['LTD', 'PLC', ''],
    streets: [
      (r) =>
        `${r.int(1, 200)} ${r.pick(['HIGH STREET', 'CHURCH ROAD', 'STATION ROAD', 'MARKET SQUARE', 'QUEEN STREET'])}`,
      (r) => `UNIT ${r.int(1, 20)}, ${r.pick(['RETAIL PARK', 'VICTORIA CENTRE'])}`,
    ],
    cities: [
      ['SW1A 1AA', 'LONDON'],
      ['M1 1AE', 'MANCHESTER'],
      ['B1 1BB', 'BIRMINGHAM'],
      ['LS1 4DY', 'LEEDS'],
      ['EH1 1YZ', 'EDINBURGH'],
    ],
    phone: (r) =>
      r.chance(0.3)
        ? `TEL: +44 20 ${digits(r, 4)} ${digits(r, 4)}`
        : `TEL: 0${r.int(113, 208)} ${digits(r, 3)} ${digits(r, 4)}`,
    taxId: (r) => `VAT NO. GB ${digits(r, 3)} ${digits(r, 4)} ${digits(r, 2)}`,
    goods: {
      grocery: [
        ['SEMI SKIMMED MILK 2PT', 95, 145, 2],
        ['WHITE BLOOMER', 110, 180, 2],
        ['CHEDDAR MATURE 400G', 275, 399, 2],
        ['BANANAS LOOSE', 70, 140, 2],
        ['BACON SMOKED 300G', 199, 349, 2],
        ['TEA BAGS 80', 199, 349, 2],
        ['BAKED BEANS', 65, 110, 2],
        ['SPARKLING WATER 1L', 55, 95, 0],
        ['RED WINE MERLOT', 599, 1199, 0],
        ['WASHING UP LIQUID', 99, 199, 0],
        ['CRISPS MULTIPACK', 199, 329, 0],
        ['ORANGE JUICE 1L', 120, 220, 0],
      ],
      restaurant: [
        ['FISH & CHIPS', 1395, 1795, 0],
        ['SUNDAY ROAST', 1595, 1995, 0],
        ['BURGER & FRIES', 1295, 1695, 0],
        ['STICKY TOFFEE PUDDING', 595, 795, 0],
        ['PINT OF BITTER', 450, 620, 0],
        ['GLASS HOUSE WINE', 550, 795, 0],
        ['FLAT WHITE', 320, 395, 0],
        ['SIDE SALAD', 350, 495, 0],
      ],
      cafe: [
        ['LATTE', 295, 395, 0],
        ['SCONE & JAM', 250, 350, 0],
        ['BACON ROLL', 395, 550, 0],
        ['CARROT CAKE', 325, 425, 0],
        ['PEPPERMINT TEA', 220, 295, 0],
      ],
      pharmacy: [
        ['PARACETAMOL 16 TABS', 75, 199, 0],
        ['SUN CREAM SPF30', 699, 1299, 0],
        ['COUGH SYRUP', 499, 799, 0],
        ['VITAMIN C 60', 399, 799, 0],
      ],
      fuel: [
        ['UNLEADED', 139, 159, 0],
        ['DIESEL', 145, 165, 0],
      ],
      hotel: [
        ['ROOM DOUBLE 1 NIGHT', 8900, 21900, 0],
        ['FULL ENGLISH BREAKFAST', 1200, 1800, 0],
        ['CAR PARKING', 1000, 2500, 0],
      ],
      electronics: [
        ['LAPTOP 15.6IN', 49900, 129900, 0],
        ['MONITOR 27IN', 17900, 32900, 0],
        ['PRINTER INK XL', 2499, 4999, 0],
        ['HDMI CABLE 2M', 799, 1999, 0],
      ],
    },
  },
];

/** Ireland: English words, euros, its own VAT rates and places. */
const english = locales.find((locale) => locale.id === 'en-gb')!;
locales.push({
  ...english,
  id: 'en-ie',
  currency: 'EUR',
  signs: ['€', 'EUR'],
  vatRates: [230, 135, 90],
  cities: [
    ['D02 X285', 'DUBLIN 2'],
    ['T12 R5CP', 'CORK'],
    ['H91 E2K8', 'GALWAY'],
  ],
  phone: (r) =>
    r.chance(0.3) ? `TEL: +353 1 ${digits(r, 3)} ${digits(r, 4)}` : `TEL: 01 ${digits(r, 3)} ${digits(r, 4)}`,
  taxId: (r) => `VAT NO. IE${digits(r, 7)}${r.pick(['A', 'H', 'W'])}`,
  words: { ...english.words, perKg: '€/kg' },
  suffixes: ['LTD', 'DAC', ''],
});

/** Switzerland: German or French words, Swiss francs printed "CHF" or "Fr.", 1'234.50, cash rounded to 0.05. */
for (const base of ['de', 'fr'] as const) {
  const language = locales.find((locale) => locale.id === base)!;
  locales.push({
    ...language,
    id: `ch-${base}`,
    currency: 'CHF',
    signs: ['CHF', 'Fr.'],
    signBefore: 0.8,
    decimal: '.',
    groups: ["'", ''],
    trailingMinus: 0,
    vatRates: [81, 26],
    words: {
      ...language.words,
      vat: base === 'de' ? 'MWST' : 'TVA',
      vatIncluded: base === 'de' ? 'INKL. MWST' : 'TVA INCLUSE',
      perKg: 'Fr./kg',
      rounding: base === 'de' ? 'RUNDUNG' : 'ARRONDI',
    },
    cities:
      base === 'de'
        ? [
            ['8001', 'ZÜRICH'],
            ['3011', 'BERN'],
            ['4051', 'BASEL'],
            ['6003', 'LUZERN'],
          ]
        : [
            ['1201', 'GENÈVE'],
            ['1003', 'LAUSANNE'],
            ['2000', 'NEUCHÂTEL'],
          ],
    streets: [
      (r) =>
        base === 'de'
          ? `${r.pick(['BAHNHOFSTRASSE', 'MARKTGASSE', 'SEESTRASSE'])} ${r.int(1, 90)}`
          : `${r.pick(['RUE DU RHÔNE', 'RUE DE BOURG', 'AVENUE DE LA GARE'])} ${r.int(1, 90)}`,
    ],
    phone: (r) =>
      r.chance(0.4)
        ? `TEL. +41 ${r.int(21, 91)} ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`
        : `TEL. 0${r.int(21, 91)} ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
    taxId: (r) => `CHE-${digits(r, 3)}.${digits(r, 3)}.${digits(r, 3)} ${base === 'de' ? 'MWST' : 'TVA'}`,
    suffixes: base === 'de' ? ['AG', 'GMBH', ''] : ['SA', 'SÀRL', ''],
  });
}
