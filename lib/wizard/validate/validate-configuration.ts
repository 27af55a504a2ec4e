import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { diagnoseExchangeFailure } from "@/lib/exchange/hcw/hcw-failures";
import type { Answers } from "@/lib/wizard/answers/answers";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { planContext } from "@/lib/wizard/plan/plan-context";
import type { TenantFacts } from "@/lib/wizard/plan/plan-types";
import { probeOutcome } from "./probe-outcome";
import type { ValidationCheckId } from "./validation-check-ids";
import {
  isProbe,
  type MissingPrerequisite,
  type ValidationProbe,
  validationProbes,
} from "./validation-probes";

// Validate, after the update: every probe that applies, both sides at once, each result with its
// fix in plain words (lib/exchange's HCW failure table) when it failed.

export type ProbeAnswer =
  | { ok: true; objects: readonly unknown[] }
  | { ok: false; message: string; transient?: boolean };

/** Runs one probe where it belongs: on-premises through the agent, in Exchange Online through its admin API. */
export type RunProbe = (probe: ValidationProbe) => Promise<ProbeAnswer>;

export interface ValidationFix {
  codes: string[];
  title: string;
  fix: string;
  retryable: boolean;
}

export interface ValidationResult {
  id: ValidationCheckId;
  title: string;
  side: ExchangeSide;
  cmdlet: string;
  passed: boolean;
  /** What Exchange said. */
  detail: string;
  fix: ValidationFix | null;
}

const RUN_AGAIN: ValidationFix = {
  codes: [],
  title: "Part of the hybrid configuration is missing",
  fix: "Run the wizard again: it reads both sides and creates what is missing.",
  retryable: false,
};

function fixFor(side: ExchangeSide, cmdlet: string, detail: string, transient?: boolean): ValidationFix {
  const found = diagnoseExchangeFailure({
    side: side === "OnPremises" ? "onPremises" : "exchangeOnline",
    cmdlet,
    message: detail,
    ...(transient ? { transient } : {}),
  });
  return found
    ? { codes: [...found.codes], title: found.title, fix: found.fix, retryable: found.retryable }
    : RUN_AGAIN;
}

export async function validateConfiguration(options: {
  gathered: GatheredState;
  answers: Answers;
  tenant: TenantFacts;
  runProbe: RunProbe;
  /** The mailbox free/busy is looked up as: the admin the checks run as. */
  userIdentity: string;
  /** Each result as it comes, while the others are still being asked. */
  onResult?: (result: ValidationResult) => Promise<void>;
}): Promise<ValidationResult[]> {
  const context = planContext(options.gathered, options.answers, options.tenant);
  return Promise.all(
    validationProbes(context, options.userIdentity).map(async (entry) => {
      const result = await check(entry);
      await options.onResult?.(result);
      return result;
    }),
  );

  async function check(entry: ValidationProbe | MissingPrerequisite): Promise<ValidationResult> {
    const base = { id: entry.id, title: entry.title, side: entry.side, cmdlet: entry.cmdlet };
    if (!isProbe(entry)) return { ...base, passed: false, detail: entry.detail, fix: RUN_AGAIN };
    const answer = await options.runProbe(entry);
    if (!answer.ok) {
      return {
        ...base,
        passed: false,
        detail: answer.message,
        fix: fixFor(entry.side, entry.cmdlet, answer.message, answer.transient),
      };
    }
    const { passed, detail } = probeOutcome(entry.cmdlet, answer.objects);
    return { ...base, passed, detail, fix: passed ? null : fixFor(entry.side, entry.cmdlet, detail) };
  }
}
