// Boxes on a receipt's picture around the OCR words its total, date and merchant were read from.
import { h } from '../lib/render.js';

const compact = (text) =>
  String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Finds each field's words in the OCR result and draws them, scaled onto the picture. */
export function drawBoxes(picture, ocr, receipt) {
  if (!ocr?.lines?.length) return;
  const { page, region, scale } = ocr;
  for (const [kind, found] of fieldWords(ocr, receipt)) {
    for (const { box } of found) {
      const left = region.left + box.x0 / scale;
      const top = region.top + box.y0 / scale;
      // Set through the style object: the page's CSP refuses inline style attributes.
      const mark = h('div', { class: `box ${kind}`, title: kind });
      Object.assign(mark.style, {
        left: `${(100 * left) / page.width}%`,
        top: `${(100 * top) / page.height}%`,
        width: `${(100 * (box.x1 - box.x0)) / scale / page.width}%`,
        height: `${(100 * (box.y1 - box.y0)) / scale / page.height}%`,
      });
      picture.append(mark);
    }
  }
}

function fieldWords(ocr, receipt) {
  const words = ocr.lines.flatMap((line) => line.words.map((word) => ({ ...word, line })));
  const marks = [];
  if (receipt.total)
    marks.push([
      'total',
      words
        .filter((w) => compact(w.text).endsWith(compact(receipt.total)) && compact(receipt.total).length >= 3)
        .slice(-1),
    ]);
  if (receipt.date) {
    const [y, m, d] = receipt.date.split('-');
    marks.push([
      'date',
      words
        .filter((w) => {
          const t = compact(w.text);
          return t.includes(d) && t.includes(m) && (t.includes(y) || t.includes(y.slice(2)));
        })
        .slice(0, 1),
    ]);
  }
  if (receipt.merchant) {
    const first = compact(receipt.merchant.split(/\s+/)[0] ?? '');
    const line = ocr.lines.find((l) => first.length >= 3 && compact(l.text).includes(first));
    if (line) marks.push(['merchant', [line]]);
  }
  return marks;
}
