import type { LicenseTerms } from './dataset.js';

/**
 * The terms of a dataset's license text (as its SOURCE.md states it): a
 * non-commercial license first, then the GPL, then data released without a
 * license of its own (even in a licensed repository), else permissive.
 */
export function licenseTerms(license: string): LicenseTerms {
  if (/\bNC\b|non-commercial/i.test(license)) return 'non-commercial';
  if (/GPL/.test(license)) return 'copyleft';
  if (/^no license|without an explicit|no separate data license/i.test(license)) return 'unstated';
  return 'permissive';
}
