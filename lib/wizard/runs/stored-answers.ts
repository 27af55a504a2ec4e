import type { Prisma } from "@/lib/generated/prisma/client";
import { ZFeaturesPageSchema } from "@/lib/wizard/answers/answer-pages";
import type { PageConditions } from "@/lib/wizard/wizard-pages";
import { exchange2010Of } from "./stored-gather";

// A run's answers as stored: one key per page with answers (docs/ANSWERS.md), each written only
// after that page's schema accepted it.

export type StoredAnswers = Prisma.JsonObject;

export function storedAnswers(value: Prisma.JsonValue): StoredAnswers {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : {};
}

/**
 * What decides the skipped pages: the answers so far, and the run's gather (before it, whether the
 * organization runs Exchange 2010 is not known and Domain Ownership stays).
 */
export function pageConditions(answers: StoredAnswers, gathered: Prisma.JsonValue | null): PageConditions {
  return {
    features: ZFeaturesPageSchema.safeParse(answers.features).data,
    exchange2010: exchange2010Of(gathered),
  };
}
