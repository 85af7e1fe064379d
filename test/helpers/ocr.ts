// OCR results built from text lines, for extractor tests that need no image.
import type { OcrResult } from '../../src/pipeline/ocr-types.ts';

export function ocrFromLines(lines: string[], confidence = 90): OcrResult {
  return {
    text: `${lines.join('\n')}\n`,
    confidence,
    width: 800,
    height: 40 * lines.length + 40,
    lines: lines.map((text, index) => {
      const box = { x0: 20, y0: 20 + index * 40, x1: 20 + text.length * 16, y1: 52 + index * 40 };
      let x = box.x0;
      const words = text
        .split(/\s+/)
        .filter(Boolean)
        .map((word) => {
          const wordBox = { x0: x, y0: box.y0, x1: x + word.length * 16, y1: box.y1 };
          x = wordBox.x1 + 16;
          return { text: word, confidence, box: wordBox };
        });
      return { text, confidence, box, words };
    }),
  };
}
