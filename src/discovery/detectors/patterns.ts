/**
 * Character classes shared by the number detectors, applied to NFKC-normalised text (full-width digits are
 * already ASCII). Japanese writers separate digit groups with many dash look-alikes, including the katakana
 * prolonged sound mark ー that IMEs produce when typing "-" in kana mode.
 */
export const DASH = '[-‐‑‒–—―−ー]';
/** No digit (alone or before a separator) right before, none (alone or after a separator) right after: a value is never cut out of a longer number. */
export const NOT_AFTER_DIGIT = `(?<![0-9]|[0-9]${DASH}|[0-9] )`;
export const NOT_BEFORE_DIGIT = `(?![0-9]|${DASH}[0-9]| [0-9])`;

export const digitsOf = (s: string): string => s.replace(/[^0-9]/g, '');
