import type { WizardRun } from "@/lib/contracts/wizard-runs";
import type { AnswersInput } from "@/lib/wizard/answers/answers";

/** What a page saved before, as a starting point for its form (the server checked it when saved). */
export function savedAnswers<K extends keyof AnswersInput>(
  run: WizardRun,
  key: K,
): Partial<NonNullable<AnswersInput[K]>> {
  const value = run.answers[key];
  return value && typeof value === "object" ? (value as Partial<NonNullable<AnswersInput[K]>>) : {};
}
