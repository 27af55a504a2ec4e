import type { Finding, HealthCheckSummary } from "@/lib/contracts/partner-dashboard";
import { ZFindingSchema } from "@/lib/contracts/partner-dashboard";
import type { HealthCheckStatus } from "@/lib/generated/prisma/enums";

/** What a stored HealthCheck row's JSON holds, read back with its schema. */
export function findingsOf(json: unknown): Finding[] {
  const parsed = ZFindingSchema.array().safeParse(json);
  return parsed.success ? parsed.data : [];
}

export function changesOf(json: unknown): string[] {
  return Array.isArray(json) ? json.filter((entry): entry is string => typeof entry === "string") : [];
}

/** The problems of a check: its findings that are not ok, and its error as one problem. */
export function problemsOf(check: { findings: unknown; error: string | null }): Finding[] {
  const problems = findingsOf(check.findings).filter((finding) => finding.severity !== "ok");
  return check.error ? [{ id: "check", severity: "problem", message: check.error }, ...problems] : problems;
}

export const HEALTH_CHECK_SUMMARY_SELECT = {
  id: true,
  status: true,
  finishedAt: true,
  findings: true,
  changes: true,
  error: true,
} as const;

export function healthCheckSummary(check: {
  id: string;
  status: HealthCheckStatus;
  finishedAt: Date | null;
  findings: unknown;
  changes: unknown;
  error: string | null;
}): HealthCheckSummary {
  const changes = changesOf(check.changes);
  return {
    id: check.id,
    status: check.status,
    finishedAt: check.finishedAt?.toISOString() ?? null,
    problems: problemsOf(check),
    changed: changes.length > 0,
    changes,
    error: check.error,
  };
}
