"use client";

import { useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { SignInPrompt } from "@/components/auth/SignInPrompt";
import type { AgentSummary, CreatedPairingCodeResponse as PairingCode } from "@/lib/contracts/agents";
import { AddAgentCard } from "./AddAgentCard";
import { useAgents } from "./use-agents";

function lastSeen(agent: AgentSummary): string {
  return agent.lastSeenAt ? new Date(agent.lastSeenAt).toLocaleString() : "never";
}

export function AgentsPanel() {
  const { state, api } = useSession();
  const [code, setCode] = useState<PairingCode>();
  const [pairedAgentId, setPairedAgentId] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const { agents, error, reload } = useAgents((event) => {
    if (event.type === "paired" && code && event.pairingCodeId === code.id) setPairedAgentId(event.agentId);
  });

  if (state.status !== "signed-in") return <SignInPrompt state={state} what="manage your agents" />;

  const showCode = (next: PairingCode | undefined) => {
    setCode(next);
    setPairedAgentId(undefined);
  };
  const revoke = async (agent: AgentSummary) => {
    if (!window.confirm(`Revoke ${agent.name} on ${agent.host}? It is refused from its next request.`))
      return;
    try {
      setProblem(undefined);
      await api.revokeAgent(agent.id);
    } catch (error) {
      setProblem(`${agent.name} was not revoked: ${error instanceof Error ? error.message : String(error)}`);
    }
    await reload();
  };
  const paired = agents?.find((agent) => agent.id === pairedAgentId);

  return (
    <div className="space-y-6">
      <AddAgentCard code={code} paired={paired} onCode={showCode} />
      {[problem, error].filter(Boolean).map((text) => (
        <p key={text} role="alert" className="text-sm text-red-700">
          {text}
        </p>
      ))}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Host</th>
              <th className="px-4 py-2">Runs as</th>
              <th className="px-4 py-2">Version</th>
              <th className="px-4 py-2">Last seen</th>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {agents?.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-6 text-center text-slate-500">
                  No agent paired yet.
                </td>
              </tr>
            )}
            {agents?.map((agent) => (
              <tr key={agent.id} className="border-t border-slate-100" data-testid="agent-row">
                <td className="px-4 py-2 font-medium">{agent.name}</td>
                <td className="px-4 py-2">{agent.host}</td>
                <td className="px-4 py-2">{agent.runAs}</td>
                <td className="px-4 py-2">{agent.version}</td>
                <td className="px-4 py-2">{lastSeen(agent)}</td>
                <td className="px-4 py-2">
                  <span
                    className={`rounded px-2 py-0.5 text-xs font-medium ${agent.online ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}
                  >
                    {agent.online ? "Online" : "Offline"}
                  </span>
                </td>
                <td className="px-4 py-2 text-right">
                  <button type="button" onClick={() => void revoke(agent)} className="text-red-700 underline">
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
