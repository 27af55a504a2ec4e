import type { SealedSecret } from "@/lib/agents/protocol";

/**
 * Who runs a wizard run's on-premises jobs when the run named an account other than the agent's
 * own: the one agent its password was sealed for, and that sealed account, which the agent's
 * remote PowerShell sessions open as. Jobs with it go to that agent's queue alone.
 */
export interface OnPremisesSession {
  agentId: string;
  sessionCredential: SealedSecret;
}
