export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * One catalogue entry. `message` is a full sentence (or several) with `{name}`
 * placeholders; it says what is wrong and what to do. `spec` names the code of
 * the specification a check implements, where the specification numbers it
 * (the rule-language spec's RLnnn codes).
 */
export interface CatalogueEntry {
  readonly name: string;
  readonly severity: Severity;
  readonly message: string;
  readonly spec?: string;
  /** Set when a code is no longer reported; its number is never reused. */
  readonly retired?: true;
}
