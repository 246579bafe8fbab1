export {
  type DetectedOfferFile,
  detectOfferFile,
  formatOfFirstLine,
  isUtf8File,
  type OfferFileFormat,
  RPPS_HEADER_START,
} from './detect.js';
export {
  type ReadTextLinesOptions,
  readTextLines,
  startsWithBom,
  type TextEncoding,
  type TextLine,
} from './text-lines.js';
export { unreadableFile } from './unreadable.js';
