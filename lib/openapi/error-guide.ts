import type { AppErrorCode } from "@/lib/errors";

/** Codes the route wrapper answers with besides AppError's own (lib/http/handle-route.ts). */
export type ApiErrorCode = AppErrorCode | "internal_error";

/**
 * What each error code means for the caller and what to do about it: the `/docs/api` page lists
 * them, and every error body links to its entry (`error.docs`), so a script's author finds the
 * fix from the code alone. The codes are stable; the messages may be reworded.
 */
export const ERROR_GUIDE: Record<ApiErrorCode, string> = {
  bad_request: "The request is malformed (not JSON, a wrong query value). The message names what to change.",
  validation_failed:
    "The body parsed but some fields are wrong: `issues` lists each field and what it needs.",
  invalid_answers:
    "A wizard page's answers do not fit: `page` names the page and `issues` each field to correct.",
  unauthenticated:
    "No valid access token. Sign in again (`hybrid-wizard login`) and send it as `Authorization: Bearer …`.",
  mfa_required: "Your tenant requires MFA and the token's sign-in had none. Sign in again with MFA.",
  interaction_required:
    "Entra wants you to sign in again (MFA for Exchange Online, an expired session); `claims` carries its challenge.",
  forbidden: "Your role does not allow this. Ask a tenant owner for the operator or owner role.",
  not_found: "No such run, agent or page in your tenant. Check the id; ids of other tenants are never found.",
  conflict:
    "The resource is not in a state that allows this now (a run already updating, a plan not reviewed). The message says which.",
  version_conflict:
    "Someone changed the run since you read it. Read it again, then repeat the change with its new version.",
  idempotency_key_reused:
    "This Idempotency-Key was sent before with another request. Use a new key for a new request.",
  idempotency_in_progress:
    "A request with this Idempotency-Key is still running. Wait, then repeat it to get its answer.",
  payload_too_large: "The body is larger than this endpoint reads. Send less.",
  rate_limited: "Too many requests. Wait as `Retry-After` says, then repeat.",
  lease_lost:
    "The agent's lease on this job ran out and the job went back to the queue. The agent should take the next job.",
  agent_revoked: "The agent was revoked. Pair it again with a new code.",
  pairing_code_invalid: "The pairing code is not known. Make a new code on the Agents page.",
  pairing_code_expired: "The pairing code expired. Make a new code on the Agents page.",
  pairing_code_used: "The pairing code was already used. Make a new code on the Agents page.",
  unavailable:
    "A part the request needs is not reachable now (the agent, Exchange Online, the database). Retry later.",
  exchange_error: "Exchange refused a cmdlet: `cmdlet` names it; the message is Exchange's own words.",
  result_too_large: "The agent's job result is larger than the protocol allows.",
  graph_error: "Microsoft Graph refused a request: the message and Graph's code say why.",
  internal_error: "Something failed on the service's side. Quote `requestId` to support; retrying may help.",
};

/** The link an error body carries to its entry on the API page. */
export function errorHelpPath(code: string): string {
  return `/docs/api#error-${code}`;
}
