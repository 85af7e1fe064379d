// A drawn receipt as a photo: printed with a real till-like font (fonts from npm packages, OFL),
// then thermal fading, grey ink, paper noise, specks, a table behind it, a slight tilt and blur.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { Random } from './random.ts';
import type { DrawnReceipt, PrintLine } from './receipt.ts';

interface Font {
  family: string;
  file: [pkg: string, path: string];
  monospace: boolean;
  /** Size relative to the others for the same legibility (VT323 is small for its size). */
  scale: number;
}

/** [family, package, file in it, monospace, scale, how often]. */
const fonts: [Font, number][] = (
  [
    ['Courier Prime', 'courier-prime', '400Regular/CourierPrime_400Regular.ttf', true, 1, 30],
    ['IBM Plex Mono', 'ibm-plex-mono', '500Medium/IBMPlexMono_500Medium.ttf', true, 0.95, 25],
    ['Share Tech Mono', 'share-tech-mono', '400Regular/ShareTechMono_400Regular.ttf', true, 1, 20],
    ['VT323', 'vt323', '400Regular/VT323_400Regular.ttf', true, 1.3, 10],
    ['PT Sans Narrow', 'pt-sans-narrow', '400Regular/PTSansNarrow_400Regular.ttf', false, 1.1, 15],
  ] as const
).map(([family, pkg, path, monospace, scale, weight]) => [
  { family, file: [`@expo-google-fonts/${pkg}`, path], monospace, scale },
  weight,
]);

const require = createRequire(import.meta.url);
let registered = false;

function registerFonts() {
  if (registered) return;
  for (const [font] of fonts) {
    const [pkg, path] = font.file;
    const file = join(dirname(require.resolve(`${pkg}/package.json`)), path);
    if (!GlobalFonts.registerFromPath(file, font.family)) throw new Error(`could not load the font ${file}`);
  }
  registered = true;
}

function drawLine(context: SKRSContext2D, line: PrintLine, font: Font, x: number, y: number, width: number) {
  const charWidth = width / Math.max(1, line.text.length);
  if (line.center) {
    const text = line.text.trim();
    context.fillText(text, x + (width - context.measureText(text).width) / 2, y);
    return;
  }
  if (font.monospace) {
    context.fillText(line.text, x, y);
    return;
  }
  // A proportional font: each run of text at its column, the last one flush right.
  for (const run of line.text.matchAll(/\S+(?: \S+)*/g)) {
    const end = run.index + run[0].length;
    const left =
      end >= line.text.length - 1 && run.index > 0
        ? x + width - context.measureText(run[0]).width
        : x + run.index * charWidth;
    context.fillText(run[0], left, y);
  }
}

export async function renderReceipt(receipt: DrawnReceipt, random: Random): Promise<Buffer> {
  registerFonts();
  const font = random.weighted(fonts);
  const size = Math.round(random.int(22, 27) * font.scale);
  const probe = createCanvas(10, 10).getContext('2d');
  probe.font = `${size}px "${font.family}"`;
  const charWidth = font.monospace ? probe.measureText('0').width : size * 0.42;
  const margin = random.int(18, 40);
  const textWidth = Math.ceil(receipt.columns * charWidth);
  const lineHeight = Math.round(size * (1.25 + random.next() * 0.2));
  const heights = receipt.lines.map((line) =>
    line.big ? lineHeight * 1.8 : line.text.trim() ? lineHeight : lineHeight * 0.6,
  );
  const paperWidth = textWidth + 2 * margin;
  const paperHeight = Math.ceil(heights.reduce((sum, height) => sum + height, 0) + 2 * margin);

  const paper = createCanvas(paperWidth, paperHeight);
  const context = paper.getContext('2d');
  const paperTone = random.int(232, 252);
  context.fillStyle = `rgb(${paperTone},${paperTone},${paperTone - random.int(0, 8)})`;
  context.fillRect(0, 0, paperWidth, paperHeight);
  const ink = random.int(15, 80);
  context.fillStyle = `rgb(${ink},${ink},${ink + random.int(0, 20)})`;
  context.textBaseline = 'alphabetic';
  let y = margin;
  receipt.lines.forEach((line, index) => {
    const height = heights[index] ?? lineHeight;
    y += height;
    if (!line.text.trim()) return;
    context.globalAlpha = 0.75 + random.next() * 0.25;
    context.font = `${size}px "${font.family}"`;
    if (line.big) {
      context.save();
      context.translate(0, y);
      context.scale(1, 1.7);
      drawLine(context, line, font, margin, -size * 0.15, textWidth);
      context.restore();
    } else {
      drawLine(context, line, font, margin, y - size * 0.3, textWidth);
    }
  });
  context.globalAlpha = 1;
  fadeAndSpeckle(context, paperWidth, paperHeight, paperTone, random);

  // The paper on a table, photographed a little askew.
  const border = random.int(20, 90);
  const photo = createCanvas(paperWidth + 2 * border, paperHeight + 2 * border);
  const photoContext = photo.getContext('2d');
  const table = random.int(60, 170);
  photoContext.fillStyle = `rgb(${table},${table - random.int(0, 20)},${table - random.int(0, 40)})`;
  photoContext.fillRect(0, 0, photo.width, photo.height);
  photoContext.drawImage(paper, border, border);
  const angle = (random.next() * 2 - 1) * 2.2;
  let image = sharp(await photo.encode('png')).rotate(angle, { background: { r: table, g: table, b: table } });
  const blur = random.next() < 0.6 ? 0.3 + random.next() * 0.8 : 0;
  if (blur > 0.3) image = image.blur(blur);
  return image.jpeg({ quality: random.int(72, 92) }).toBuffer();
}

/** Thermal print fades unevenly; paper has grain and specks. */
function fadeAndSpeckle(context: SKRSContext2D, width: number, height: number, paperTone: number, random: Random) {
  const image = context.getImageData(0, 0, width, height);
  const pixels = image.data;
  const waveX = 0.002 + random.next() * 0.006;
  const waveY = 0.001 + random.next() * 0.004;
  const phase = random.next() * Math.PI * 2;
  const depth = random.next() * 0.35;
  const grain = random.int(3, 14);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const fade = 1 - depth * (0.5 + 0.5 * Math.sin(column * waveX + row * waveY + phase));
      const noise = (random.next() + random.next() + random.next() - 1.5) * grain;
      const offset = (row * width + column) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const value = pixels[offset + channel] ?? paperTone;
        pixels[offset + channel] = Math.max(0, Math.min(255, paperTone - (paperTone - value) * fade + noise));
      }
    }
  }
  context.putImageData(image, 0, 0);
  const specks = random.int(20, 250);
  for (let i = 0; i < specks; i++) {
    const tone = random.int(40, 160);
    context.fillStyle = `rgb(${tone},${tone},${tone})`;
    context.fillRect(random.int(0, width), random.int(0, height), random.int(1, 2), random.int(1, 2));
  }
}
