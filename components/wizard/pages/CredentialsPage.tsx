"use client";

import { useState } from "react";
import { useAgents } from "@/components/agents/use-agents";
import { CredentialsPanel } from "@/components/wizard/CredentialsPanel";
import { OnPremisesAccountForm } from "@/components/wizard/OnPremisesAccountForm";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { savedAnswers } from "./saved-answers";

/** The run's own on-premises account, as the answers keep it, with the agent it was sealed for. */
interface RunAccount {
  userName: string;
  secretReference: string;
  agentName: string;
}

/**
 * The HCW's Credentials: both cards, and (as the HCW's "use another account") an on-premises
 * account other than the agent's own, sealed in this browser for one agent. Next saves which agent
 * and which admin the run uses, and that account or null.
 */
export default function CredentialsPage() {
  const { run, saveAndNext } = useWizardRun();
  const { agents } = useAgents();
  const saved = savedAnswers(run, "credentials");
  const [account, setAccount] = useState<RunAccount | null>(
    saved.onPremisesAccount && saved.onPremisesAgent
      ? { ...saved.onPremisesAccount, agentName: saved.onPremisesAgent }
      : null,
  );
  const [entering, setEntering] = useState(false);
  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-slate-600">
        Hybrid Wizard works on two sides: your on-premises Exchange organization, through the agent you
        paired, and Exchange Online, as the admin signed in here.
      </p>
      <CredentialsPanel
        actions={(ready) => (
          <>
            <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
              <h2 className="font-semibold text-slate-800">Another on-premises account</h2>
              {account ? (
                <div className="mt-3 space-y-2 text-sm text-slate-700">
                  <p data-testid="run-account">
                    The on-premises cmdlets run as {account.userName}, on agent {account.agentName} only.
                  </p>
                  <button type="button" onClick={() => setAccount(null)} className="underline">
                    Use the agent's own account instead
                  </button>
                </div>
              ) : entering && agents ? (
                <div className="mt-3">
                  <OnPremisesAccountForm
                    runId={run.id}
                    agents={agents}
                    onStored={({ userName, secretReference, agentName }) => {
                      setAccount({ userName, secretReference, agentName });
                      setEntering(false);
                    }}
                  />
                </div>
              ) : (
                <div className="mt-3 space-y-2 text-sm text-slate-700">
                  <p>The agent's own account runs the on-premises cmdlets unless you enter another here.</p>
                  <button type="button" onClick={() => setEntering(true)} className="underline">
                    Enter another account
                  </button>
                </div>
              )}
            </section>
            <PageActions
              page="credentials"
              nextDisabled={!ready}
              onNext={() =>
                ready &&
                void saveAndNext("credentials", {
                  ...ready,
                  ...(account
                    ? {
                        onPremisesAgent: account.agentName,
                        onPremisesAccount: {
                          userName: account.userName,
                          secretReference: account.secretReference,
                        },
                      }
                    : { onPremisesAccount: null }),
                })
              }
            />
          </>
        )}
      />
    </div>
  );
}
