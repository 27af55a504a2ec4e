"use client";

import { type FormEvent, useId, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { sealSecretValueForAgent } from "@/lib/agents/seal-for-agent";
import type { AgentSummary } from "@/lib/contracts/agents";
import type { StoredOnPremisesAccount } from "@/lib/contracts/run-credentials";
import { AccountFields } from "./AccountFields";
import { CredentialSubmitStatus } from "./CredentialSubmitStatus";
import { useCredentialSubmit } from "./use-credential-submit";

/**
 * An on-premises account other than the agent's own, for one run (the Credentials page). The
 * password is sealed here, in the browser, for the chosen agent's public key: the service stores
 * and forwards only ciphertext, and only that agent can open it. `onStored` gets what the page
 * saves in its answers (`{ userName, secretReference }`) and shows.
 */
export function OnPremisesAccountForm(props: {
  runId: string;
  /** The tenant's agents (useAgents); the account's jobs go to the one chosen here alone. */
  agents: AgentSummary[];
  onStored: (account: StoredOnPremisesAccount) => void;
}) {
  const { api } = useSession();
  const { state, submit } = useCredentialSubmit();
  const [agentId, setAgentId] = useState(
    () => (props.agents.find((agent) => agent.online) ?? props.agents[0])?.id ?? "",
  );
  const [userName, setUserName] = useState("");
  const [password, setPassword] = useState("");
  const agentField = useId();
  const agent = props.agents.find((candidate) => candidate.id === agentId);
  const fields = state.status === "failed" ? state.fields : {};

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!agent) return;
    void submit(async () => {
      const sealed = await sealSecretValueForAgent(agent.publicKeyJwk, {
        type: "credential",
        userName: userName.trim(),
        password,
      });
      const stored = await api.storeOnPremisesAccount(props.runId, {
        agentId: agent.id,
        userName: userName.trim(),
        sealed,
      });
      setPassword("");
      props.onStored(stored);
      return `Saved: ${stored.userName}, sealed for ${stored.agentName}. The run's on-premises cmdlets run as it, on that agent only.`;
    });
  };

  if (props.agents.length === 0) {
    return <p>Pair an agent first: the password is sealed for the agent that will use it.</p>;
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Another on-premises account">
      <div>
        <label htmlFor={agentField} className="block font-medium text-slate-800">
          Agent that will use it
        </label>
        <select
          id={agentField}
          value={agentId}
          onChange={(event) => setAgentId(event.target.value)}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-1.5"
        >
          {props.agents.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name} on {candidate.host}
              {candidate.online ? "" : " (offline)"}
            </option>
          ))}
        </select>
      </div>
      <AccountFields
        userName={userName}
        password={password}
        errors={fields}
        userNameHint="The account the run's on-premises cmdlets run as, such as CONTOSO\admin-hybrid."
        passwordHint={`Sealed in this browser for ${agent?.name ?? "the agent"}: only that agent can read it.`}
        onUserName={setUserName}
        onPassword={setPassword}
      />
      <CredentialSubmitStatus state={state} />
      <button
        type="submit"
        disabled={state.status === "saving" || !agent}
        className="rounded bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
      >
        {state.status === "saving" ? "Sealing…" : "Seal and save"}
      </button>
    </form>
  );
}
