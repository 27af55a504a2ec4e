"use client";

import { useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { describedBy, FieldMessage } from "@/components/wizard/run/FieldMessage";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import type { DetectedServers } from "@/lib/contracts/wizard-gather";
import type { Cloud } from "@/lib/generated/prisma/enums";
import { savedAnswers } from "./saved-answers";

const CLOUDS: Record<Cloud, string> = {
  Worldwide: "Office 365 Worldwide",
  China21Vianet: "Office 365 operated by 21Vianet",
  UsGovGccHigh: "Office 365 US Government GCC High",
  UsGovDod: "Office 365 US Government DoD",
};

/** The HCW's OnPremisesDetection: the Exchange server to talk to (detected or named), and the tenant's Office 365 environment. */
export default function EnvironmentPage() {
  const { state, api } = useSession();
  const { run, saveAndNext, fieldErrors } = useWizardRun();
  const saved = savedAnswers(run, "environment");
  // A run belongs to one tenant, whose cloud its sign-in already found: another would be wrong.
  const cloud: Cloud = state.status === "signed-in" ? state.me.tenant.cloud : "Worldwide";
  const [mode, setMode] = useState<"detect" | "name">(saved.onPremisesServer ? "name" : "detect");
  const [named, setNamed] = useState(saved.onPremisesServer ?? "");
  const [detected, setDetected] = useState<DetectedServers>();
  const [detectProblem, setDetectProblem] = useState<string>();

  useEffect(() => {
    api
      .detectExchangeServers(run.id)
      .then(setDetected)
      .catch((error: unknown) => setDetectProblem(error instanceof Error ? error.message : String(error)));
  }, [api, run.id]);

  const best = detected?.servers.find((server) => server.name === detected.best);
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("environment", { cloud, onPremisesServer: mode === "name" ? named : null });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="font-semibold text-slate-800">On-premises Exchange Server Organization</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="server" checked={mode === "detect"} onChange={() => setMode("detect")} />
          <span>
            Detect the optimal Exchange server
            <span className="block text-sm text-slate-600" aria-live="polite">
              {best
                ? `Detected through the agent: ${best.name} (${best.fqdn}, ${best.version})`
                : detected
                  ? "The agent found no Mailbox server; name one."
                  : detectProblem
                    ? `Detection failed: ${detectProblem}`
                    : "Asking the agent (Get-ExchangeServer)…"}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="server" checked={mode === "name"} onChange={() => setMode("name")} />
          <span>Specify a server running Exchange 2016 or later</span>
        </label>
        {mode === "name" && (
          <div className="pl-6">
            <label htmlFor="named-server" className="block text-sm font-medium text-slate-700">
              Exchange server name
            </label>
            <input
              id="named-server"
              value={named}
              onChange={(event) => setNamed(event.target.value)}
              list="detected-servers"
              className="mt-1 w-80 rounded border border-slate-300 px-2 py-1"
              {...describedBy(fieldErrors, "onPremisesServer")}
            />
            <datalist id="detected-servers">
              {detected?.servers.map((server) => (
                <option key={server.name} value={server.name} />
              ))}
            </datalist>
          </div>
        )}
        <FieldMessage errors={fieldErrors} path="onPremisesServer" />
      </fieldset>
      <div>
        <h2 className="font-semibold text-slate-800">Office 365 environment</h2>
        <p className="mt-1" data-testid="cloud">
          {CLOUDS[cloud]}: your tenant's, from your sign-in. Every Microsoft host the plan writes is this
          cloud's.
        </p>
        <FieldMessage errors={fieldErrors} path="cloud" />
      </div>
      <PageActions page="environment" />
    </form>
  );
}
