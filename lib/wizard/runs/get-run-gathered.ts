import type { RunGathered } from "@/lib/contracts/wizard-gather";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { findRunRow } from "./find-run-row";
import { runGatheredView } from "./run-gathered-view";
import { storedGatherOf } from "./stored-gather";

/** What the run's last gather found, as the pages after Gathering configuration offer it. */
export async function getRunGathered(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
}): Promise<RunGathered> {
  const run = await findRunRow(options);
  if (!run.gatheredAt || run.gathered === null) {
    throw new AppError(
      "not_found",
      "This run has not gathered the configuration yet: go to Gathering configuration.",
      {
        reason: "not_gathered",
      },
    );
  }
  return runGatheredView(storedGatherOf(run.gathered), run.gatheredAt, new Date());
}
