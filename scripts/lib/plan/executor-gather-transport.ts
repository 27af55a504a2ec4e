import type { Executor } from "@/agent/executors/executor";
import type { GatherTransport } from "@/lib/wizard/gather/gather-transport";
import type { ReadInvocation } from "@/lib/wizard/gather/read-list";

/**
 * The dry run's on-premises transport: the reads go straight to an agent executor in this process
 * (the `simulated` one), where production sends them to the paired agent as one job. The agent is
 * this process, so its clock is the service's.
 */
export function executorGatherTransport(executor: Executor): GatherTransport {
  return {
    side: "OnPremises",
    async read(invocations: readonly ReadInvocation[]) {
      const answers = await executor.executeReads({
        reads: invocations.map((invocation) => ({
          cmdlet: invocation.cmdlet,
          parameters: invocation.parameters,
        })),
        signal: new AbortController().signal,
      });
      const now = new Date();
      return { answers, clock: { remote: now, service: now } };
    },
  };
}
