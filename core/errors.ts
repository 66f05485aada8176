/**
 * One error type for the domain. `message` is for the log; `userMessage` is what the customer or
 * owner reads (already polite, already in their language when the caller knows it).
 */
export type AppErrorCode =
  | "NOT_FOUND"
  | "OUT_OF_STOCK"
  | "INVALID_INPUT"
  | "INVALID_STATE"
  | "FORBIDDEN"
  | "CONFLICT"
  /** A limit the shop sets was reached (e.g. MAX_UNPAID_ORDERS). */
  | "LIMIT_REACHED";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;

  constructor(code: AppErrorCode, options: { message: string; userMessage?: string }) {
    super(options.message);
    this.name = "AppError";
    this.code = code;
    this.userMessage = options.userMessage ?? options.message;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
