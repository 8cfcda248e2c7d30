import type { AuditAction } from '../../src/store/AuditLog.ts';

/** One moderator action in the session the crash test interrupts. */
export interface CrashOperation {
  action: AuditAction;
  docId: string;
  /** A file in tests/fixtures/store-uploads that the action writes into the corpus. */
  upload?: string;
}

/** Every kind of change, including a replacement that changes the file's format (and so its name). */
export const CRASH_SEQUENCE: readonly CrashOperation[] = [
  { action: 'add', docId: 'detention-figures', upload: 'detention-figures.md' },
  { action: 'replace', docId: 'detention-figures', upload: 'detention-figures-corrected.md' },
  { action: 'replace', docId: 'airport-reopens', upload: 'airport-reopens.md' },
  { action: 'remove', docId: 'fuel-price-protests' },
  { action: 'restore', docId: 'fuel-price-protests' },
  { action: 'reload', docId: '' },
];
