import { errors, type JWTPayload } from "jose";
import { AppError } from "@/lib/errors";

// Why an access token was refused: a stable reason code for programs (and tests), a sentence for
// the person, and RFC 6750's challenge header for HTTP clients.

export const TOKEN_REJECTION_REASONS = [
  "missing_token",
  "malformed",
  "algorithm_not_allowed",
  "unknown_tenant",
  "cloud_not_configured",
  "unknown_key",
  "signature_invalid",
  "issuer_mismatch",
  "audience_mismatch",
  "id_token_not_accepted",
  "expired",
  "not_yet_valid",
  "scope_missing",
  "mfa_required",
  "unknown_partner_user",
] as const;

export type TokenRejectionReason = (typeof TOKEN_REJECTION_REASONS)[number];

/** A 401 (`mfa_required`, or else `unauthenticated`) carrying the reason and a bearer challenge. */
export function rejectToken(reason: TokenRejectionReason, message: string): AppError {
  return new AppError(
    reason === "mfa_required" ? "mfa_required" : "unauthenticated",
    message,
    { reason },
    { headers: { "www-authenticate": bearerChallenge(reason, message) } },
  );
}

function bearerChallenge(reason: TokenRejectionReason, message: string): string {
  // RFC 6750 §3.1: a request without a token gets no error code; RFC 9470 names the step-up case.
  if (reason === "missing_token") return 'Bearer realm="Hybrid Wizard"';
  const error = reason === "mfa_required" ? "insufficient_user_authentication" : "invalid_token";
  // error_description allows printable ASCII except `"` and `\`.
  const description = message.replace(/"/g, "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "");
  return `Bearer realm="Hybrid Wizard", error="${error}", error_description="${description}"`;
}

export interface ExpectedToken {
  issuer: string;
  audience: string;
  /** The app registration's bare client id: the audience of its ID tokens. */
  clientId: string;
}

/**
 * The rejection for an error jose raised while verifying a token, or undefined when the error is
 * not about the token (the caller lets it through as unexpected).
 */
export function rejectionForJoseError(error: unknown, expected: ExpectedToken): AppError | undefined {
  if (
    (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) &&
    isIdToken(error.payload, expected.clientId)
  ) {
    return rejectToken(
      "id_token_not_accepted",
      "This is an ID token, which only tells the app who signed in. Hybrid Wizard's API needs an access token for its own scope (access_as_user): the app must acquire one and send that instead.",
    );
  }
  if (error instanceof errors.JWTExpired) {
    return rejectToken(
      "expired",
      `The access token expired at ${formatTime(error.payload.exp)}. Sign in again. If this keeps happening right after signing in, check that this computer's clock is right.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) return rejectionForClaim(error, expected);
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return rejectToken(
      "unknown_key",
      "The access token is signed with a key that Microsoft Entra ID does not publish for your organization. Sign in again to get a new token.",
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return rejectToken(
      "signature_invalid",
      "The access token's signature is not valid: the token was changed after it was issued, or Microsoft Entra ID did not issue it. Sign in again.",
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return rejectToken("algorithm_not_allowed", algorithmNotAllowedMessage());
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return rejectToken("malformed", malformedMessage(error.message));
  }
  return undefined;
}

function rejectionForClaim(error: errors.JWTClaimValidationFailed, expected: ExpectedToken): AppError {
  if (error.reason === "missing") {
    return rejectToken("malformed", malformedMessage(`it has no "${error.claim}" claim`));
  }
  switch (error.claim) {
    case "iss":
      return rejectToken(
        "issuer_mismatch",
        `The access token was issued by ${quote(error.payload.iss)}, but your organization's tokens come from ${expected.issuer}. Sign in again at your own organization.`,
      );
    case "aud":
      return rejectToken(
        "audience_mismatch",
        `The access token is meant for ${quote(error.payload.aud)}, not for Hybrid Wizard (${expected.audience}). Sign in again so that the app asks for a token for Hybrid Wizard's API.`,
      );
    case "nbf":
      return rejectToken(
        "not_yet_valid",
        `The access token is not valid before ${formatTime(error.payload.nbf)}. Check that this computer's clock is right, then sign in again.`,
      );
    default:
      return rejectToken("malformed", malformedMessage(`its "${error.claim}" claim is not valid`));
  }
}

/** An ID token is addressed to the bare client id and grants no scope. */
function isIdToken(payload: JWTPayload, clientId: string): boolean {
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  return audiences.includes(clientId) && payload.scp === undefined && payload.roles === undefined;
}

export function algorithmNotAllowedMessage(alg?: unknown): string {
  const named = typeof alg === "string" ? ` with ${quote(alg)}` : "";
  return `The access token is signed${named}; Hybrid Wizard accepts only RS256-signed access tokens from Microsoft Entra ID. Sign in again.`;
}

export function malformedMessage(problem: string): string {
  return `The access token is not one Microsoft Entra ID issues (${problem}). Sign in again.`;
}

function formatTime(seconds: unknown): string {
  return typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : "an unknown time";
}

/** Token values are the caller's own; echo them, but never at length. */
function quote(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
