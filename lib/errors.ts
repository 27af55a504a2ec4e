// One error type for expected failures. Each code maps to one HTTP status, once,
// and carries a message that tells the person what to fix.

export const APP_ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  /** A wizard page's answers do not parse; details carry the page and each field's message. */
  invalid_answers: 400,
  unauthenticated: 401,
  mfa_required: 401,
  /** Entra wants the user to sign in again (e.g. MFA for Exchange Online); details carry its claims challenge. */
  interaction_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  /** An Idempotency-Key sent again with another method, path or body (lib/http/idempotent.ts). */
  idempotency_key_reused: 422,
  /** An Idempotency-Key whose first request has not answered yet. */
  idempotency_in_progress: 409,
  /** The body is larger than the route reads (lib/http/body-limits.ts). */
  payload_too_large: 413,
  rate_limited: 429,
  lease_lost: 409,
  agent_revoked: 401,
  pairing_code_invalid: 401,
  pairing_code_expired: 401,
  pairing_code_used: 401,
  unavailable: 503,
  /** Exchange Online refused a cmdlet; details carry the cmdlet and Exchange's exception type. */
  exchange_error: 502,
  /** An agent's job result is larger than the protocol allows (MAX_JOB_RESULT_BYTES). */
  result_too_large: 413,
  /** Microsoft Graph refused a request; details carry Graph's error code and request id. */
  graph_error: 502,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /** Response headers the error needs, e.g. `WWW-Authenticate` on a 401. */
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { headers?: Record<string, string> },
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.headers = options?.headers;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}
