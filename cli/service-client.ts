import { randomUUID } from "node:crypto";
import { ApiError, createApiClient } from "@/components/api/api-client";
import { IDEMPOTENCY_KEY_HEADER } from "@/lib/contracts/idempotency";
import { CliError, EXIT } from "./exit-codes";

// The pages' own API client (components/api/api-client.ts), sending to the service with the
// admin's token. Every POST carries an Idempotency-Key, the same on each retry of that one request:
// a connection dropped after the service started the work is retried without starting it twice.

const NETWORK_RETRIES = 3;

export function serviceClient(server: string, accessToken: () => Promise<string>) {
  return createApiClient(async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${await accessToken()}`);
    headers.set("user-agent", "hybrid-wizard-cli");
    if ((init.method ?? "GET") !== "GET") headers.set(IDEMPOTENCY_KEY_HEADER, randomUUID());
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await fetch(new URL(path, server), { ...init, headers });
      } catch (error) {
        if (attempt >= NETWORK_RETRIES || init.signal?.aborted) {
          throw new CliError(EXIT.failed, `Cannot reach ${server}: ${(error as Error).message}`);
        }
      }
    }
  });
}

export type ServiceClient = ReturnType<typeof serviceClient>;

const SIGN_IN_CODES = new Set(["unauthenticated", "mfa_required", "interaction_required"]);

/** The service's refusal as the exit code a script acts on, with its message (and fields) kept. */
export function cliErrorOf(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = { code: error.code, ...(error.reason && { reason: error.reason }), ...error.details };
  if (error.status === 401 || SIGN_IN_CODES.has(error.code)) {
    return new CliError(EXIT.signIn, `${error.message} Run hybrid-wizard login.`, details);
  }
  if (error.status >= 400 && error.status < 500) return new CliError(EXIT.usage, error.message, details);
  return new CliError(EXIT.failed, error.message, details);
}
