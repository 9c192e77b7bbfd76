/** Text shown to people: Vietnamese first, English second. */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
}
