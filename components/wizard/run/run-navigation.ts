import type { RunGathered } from "@/lib/contracts/wizard-gather";
import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { Answers } from "@/lib/wizard/answers/answers";
import {
  type PageConditions,
  skippedPages,
  WIZARD_PAGE_IDS,
  type WizardPageId,
} from "@/lib/wizard/wizard-pages";

// Which page Next and Back lead to: the neighbours in the HCW's order, past the pages the answers
// so far (and the gather) leave out — the same rule the server refuses a skipped page by.

type Features = Pick<Answers["features"], "hybrid" | "migrationEndpoint">;

function featuresOf(value: unknown): Features | undefined {
  if (!value || typeof value !== "object") return undefined;
  const { hybrid, migrationEndpoint } = value as Record<string, unknown>;
  return (hybrid === "full" || hybrid === "minimal") && typeof migrationEndpoint === "boolean"
    ? { hybrid, migrationEndpoint }
    : undefined;
}

export function runConditions(
  answers: WizardRun["answers"],
  gathered: Pick<RunGathered, "exchange2010"> | null,
): PageConditions {
  return { features: featuresOf(answers.features), exchange2010: gathered?.exchange2010 ?? null };
}

export function neighbourPage(
  from: WizardPageId,
  direction: 1 | -1,
  conditions: PageConditions,
): WizardPageId | undefined {
  const skipped = skippedPages(conditions);
  for (
    let index = WIZARD_PAGE_IDS.indexOf(from) + direction;
    index >= 0 && index < WIZARD_PAGE_IDS.length;
    index += direction
  ) {
    const page = WIZARD_PAGE_IDS[index]!;
    if (!skipped.has(page)) return page;
  }
  return undefined;
}
