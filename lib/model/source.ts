/** Where an object came from: the file and the 1-based line its document starts on. */
export interface SourceRef {
  file: string;
  line: number;
}
