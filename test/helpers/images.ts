// Receipt photos drawn from text lines, for tests that need a real image through real OCR.
import sharp from 'sharp';

export async function receiptImage(lines: string[]): Promise<Buffer> {
  const height = 60 + lines.length * 44;
  const text = lines
    .map(
      (line, index) =>
        `<text x="40" y="${70 + index * 44}" font-family="DejaVu Sans Mono, monospace" font-size="30">${line}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="${height}"><rect width="100%" height="100%" fill="white"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
