import type { CatalogueEntry } from '../entry.js';

/** ADT9xxx: failures of adtc itself. */
export const internalCodes = {
  ADT9001: {
    name: 'internal-error',
    severity: 'error',
    message: 'adtc failed while checking this file ({detail}). This is a bug in adtc, not in your ADT; please report it with the file that caused it.',
  },
  ADT9002: {
    name: 'file-unreadable',
    severity: 'error',
    message: 'The file cannot be read: {detail}. Check that the path exists and is readable.',
  },
} as const satisfies Record<string, CatalogueEntry>;
