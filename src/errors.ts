// Coded errors. Code deep inside throws an AppError; each edge (chat reply, HTTP status, CLI exit)
// translates it once. `userMessage` is safe to show to the person who sent the receipt.

export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  too_large: 413,
  unsupported_type: 415,
  too_many_pixels: 422,
  unreadable_image: 422,
  rate_limited: 429,
  extraction_failed: 502,
  llm_unavailable: 503,
  storage_unavailable: 503,
  database_unavailable: 503,
  ocr_failed: 500,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface AppErrorOptions {
  /** Text for the end user; defaults to the message. */
  userMessage?: string;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, { userMessage, cause, details }: AppErrorOptions = {}) {
    super(message, { cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage ?? message;
    this.details = details;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

/** Any thrown value as an AppError; unknown ones become `internal` with a generic user message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', message, { userMessage: 'Something went wrong on our side.', cause: error });
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
