import type { WizardRun, WizardRunSummary } from "@/lib/contracts/wizard-runs";
import { ZWizardPageIdSchema } from "@/lib/contracts/wizard-runs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { FIRST_PAGE } from "@/lib/wizard/wizard-pages";
import { storedAnswers } from "./stored-answers";

// A run row as the API answers it.

/** What every run query includes: who created it, by name. */
export const RUN_INCLUDE = {
  createdBy: { select: { displayName: true, upn: true } },
} satisfies Prisma.WizardRunInclude;

export type RunRow = Prisma.WizardRunGetPayload<{ include: typeof RUN_INCLUDE }>;

export function runSummary(row: RunRow): WizardRunSummary {
  return {
    id: row.id,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    // A page id a later version renamed resumes the run on its first page rather than failing it.
    currentPage: ZWizardPageIdSchema.catch(FIRST_PAGE).parse(row.currentPage),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function runView(row: RunRow): WizardRun {
  return { ...runSummary(row), answers: storedAnswers(row.answers) };
}
