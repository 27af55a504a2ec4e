import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import type { ReadInvocation } from "./read-list";

// Where a side's reads go. Production: the paired agent (one reads job) on-premises and the admin
// API ($batch) in Exchange Online. The dry run swaps only these, at the same boundary: the agent's
// simulated executor in-process, and the Exchange Online simulator over HTTP.

/** A read's own answer: its objects, or the error Exchange gave for it alone. */
export type ReadAnswer =
  | { ok: true; objects: readonly unknown[]; warnings: string[]; durationMs: number }
  | {
      ok: false;
      error: { message: string; errorId?: string; category?: string };
      warnings: string[];
      durationMs: number;
    };

/** Two clocks read at about the same moment: the agent's and the service's. */
export interface ClockSample {
  remote: Date;
  service: Date;
}

export interface GatherTransport {
  side: ExchangeSide;
  /** One answer per invocation, in order; throws only when the side could not be read at all. */
  read(invocations: readonly ReadInvocation[]): Promise<{ answers: ReadAnswer[]; clock?: ClockSample }>;
}

/** One line of the Gathering page and of the run's log; Graph's lines name the Graph PowerShell cmdlet of the request. */
export interface ReadRecord {
  side: ExchangeSide | "Graph";
  cmdlet: string;
  /** The server a per-server read asked about. */
  server?: string;
  durationMs: number;
  objects: number;
  warnings: string[];
  error?: string;
}
