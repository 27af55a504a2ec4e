import type { WizardRun, WizardRunSummary } from "@/lib/contracts/wizard-runs";
import { ZWizardPageIdSchema } from "@/lib/contracts/wizard-runs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { FIRST_PAGE } from "@/lib/wizard/wizard-pages";
import { storedAnswers } from "./stored-answers";

// A run row as the API answers it.

/** What every run query includes: who created it, by name, and the run it starts from (an undo's, a certificate change's). */
export const RUN_INCLUDE = {
  createdBy: { select: { displayName: true, upn: true } },
  sourceRun: { select: { id: true, createdAt: true, currentPage: true } },
} satisfies Prisma.WizardRunInclude;

export type RunRow = Prisma.WizardRunGetPayload<{ include: typeof RUN_INCLUDE }>;

// A page id a later version renamed resumes the run on its first page rather than failing it.
const pageOf = (currentPage: string) => ZWizardPageIdSchema.catch(FIRST_PAGE).parse(currentPage);

export function runSummary(row: RunRow): WizardRunSummary {
  const source = row.sourceRun;
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    source: source
      ? { id: source.id, createdAt: source.createdAt.toISOString(), currentPage: pageOf(source.currentPage) }
      : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    currentPage: pageOf(row.currentPage),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function runView(row: RunRow): WizardRun {
  return { ...runSummary(row), answers: storedAnswers(row.answers) };
}
