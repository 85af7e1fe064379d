/** Pixel box on the preprocessed page image: left, top, right, bottom. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** 0..100, as tesseract reports it. */
  confidence: number;
  box: Box;
}

export interface OcrLine {
  text: string;
  confidence: number;
  box: Box;
  words: OcrWord[];
}

/** What OCR read from one page: the text, and the layout the extractor relies on. */
export interface OcrResult {
  text: string;
  /** Mean word confidence, 0..100. */
  confidence: number;
  width: number;
  height: number;
  lines: OcrLine[];
}
