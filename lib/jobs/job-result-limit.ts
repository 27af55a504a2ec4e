import { oversizeResultProblem } from "@/lib/agents/job-result-size";
import type { CompleteJobRequest } from "@/lib/agents/protocol";
import { AppError } from "@/lib/errors";

/** The service's side of the result bound: an agent that sends more is refused, not cut short. */
export function assertResultWithinLimit(result: CompleteJobRequest["result"]): void {
  const problem = oversizeResultProblem(result);
  if (problem) throw new AppError("result_too_large", problem);
}
