import type { MessageCode } from './i18n/messages.js';

/**
 * A failure caused by what a person or program asked for, not by Mamori: bad input, a missing file, an
 * impossible parameter. The CLI prints the message as one sentence and exits 1; the HTTP layer answers 4xx.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/**
 * An error with a stable code that the HTTP layer maps to a status and a translated message. `params` fill
 * the message template and must never carry personal data: they may reach logs.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: MessageCode,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', 404, { what });
export const forbidden = (): AppError => new AppError('forbidden', 403);
export const conflict = (what: string): AppError => new AppError('conflict', 409, { what });
