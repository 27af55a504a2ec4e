import { randomUUID } from "node:crypto";

// Error bodies in the shape Entra's token endpoint uses, so MSAL classifies them as it would there.

export interface EntraError {
  error: string;
  /** The AADSTS number. */
  code: number;
  description: string;
  /** Tells MSAL the user can fix it by signing in again (e.g. "basic_action"). */
  suberror?: string;
  /** Claims challenge to send back with the interactive request. */
  claims?: string;
}

export function entraErrorBody(failure: EntraError): Record<string, unknown> {
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    error: failure.error,
    error_description: `AADSTS${failure.code}: ${failure.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    ...(failure.suberror ? { suberror: failure.suberror } : {}),
    ...(failure.claims ? { claims: failure.claims } : {}),
  };
}

/** Thrown inside a handler to answer with an Entra-shaped error. */
export class EntraErrorResponse extends Error {
  constructor(
    readonly status: number,
    readonly failure: EntraError,
  ) {
    super(`AADSTS${failure.code}: ${failure.description}`);
  }
}
