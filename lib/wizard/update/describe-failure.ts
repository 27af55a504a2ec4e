import type { OperationFailure } from "@/lib/contracts/wizard-update";
import { AppError } from "@/lib/errors";
import { diagnoseExchangeFailure, type ExchangeFailure } from "@/lib/exchange/hcw/hcw-failures";
import type { PlanSide } from "@/lib/wizard/plan/plan-types";

// An operation's failure as the Update page and the log show it: Exchange's own words, the HCW
// code an admin would search for, and the fix in plain words (lib/exchange/hcw/hcw-failures.ts).

export function describeFailure(failure: ExchangeFailure & { exchangeCode?: string }): OperationFailure {
  const known = diagnoseExchangeFailure(failure);
  return {
    message: failure.message,
    ...(failure.exchangeCode ? { exchangeCode: failure.exchangeCode } : {}),
    // A failure the HCW has no code for (the certificate's) is still known: its title and fix, no code.
    ...(known && known.codes.length > 0 ? { hcwCodes: [...known.codes] } : {}),
    ...(known ? { title: known.title, fix: known.fix } : {}),
  };
}

/** An admin API refusal (an AppError of exchange-online-client.ts) on one cmdlet, or its dropped connection. */
export function describeOnlineFailure(error: AppError, cmdlet: string): OperationFailure {
  const details = error.details ?? {};
  if (details.connectionDropped === true) {
    return describeFailure({ side: "exchangeOnline", cmdlet, message: error.message, transient: true });
  }
  const exchangeCode = [details.errorId, details.exchangeCode].find((value) => typeof value === "string");
  return describeFailure({
    side: "exchangeOnline",
    cmdlet,
    message: error.message,
    httpStatus: error.status,
    ...(typeof details.category === "string" ? { category: details.category } : {}),
    ...(typeof exchangeCode === "string" ? { exchangeCode } : {}),
  });
}

/** What stops an operation before it writes: its object is not as the admin reviewed it. */
export function driftFailure(side: PlanSide, identity: string, what: string): OperationFailure {
  const where = { OnPremises: "on-premises", Online: "in Exchange Online", Graph: "in Microsoft Graph" }[
    side
  ];
  return {
    message: `${identity} ${where} changed since you reviewed it (${what}), so nothing was written. Review the plan again: start a new run to plan from the configuration as it is now.`,
    drift: true,
  };
}

/**
 * The service's own refusal of an attempt, which trying again would only repeat: an account or
 * credential the run names is gone or no longer fits, an agent was revoked, Exchange Online
 * answered that it will not. A person must act, so the operation fails at once with these words.
 * What may pass by itself (Exchange Online unreachable or throttling, the agent away: `unavailable`,
 * `rate_limited`, or any error that is not an AppError) is retried.
 */
const REFUSALS: ReadonlySet<AppError["code"]> = new Set([
  "bad_request",
  "validation_failed",
  "invalid_answers",
  "forbidden",
  "not_found",
  "conflict",
  "agent_revoked",
]);

export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && REFUSALS.has(error.code);
}

export function isAppError(error: unknown, ...codes: AppError["code"][]): error is AppError {
  return error instanceof AppError && (codes.length === 0 || codes.includes(error.code));
}
