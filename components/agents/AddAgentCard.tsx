"use client";

import { useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { AgentSummary, CreatedPairingCodeResponse as PairingCode } from "@/lib/contracts/agents";

function remaining(expiresAt: string, now: number): string {
  const seconds = Math.max(0, Math.round((Date.parse(expiresAt) - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * "Add agent": a one-time pairing code with its countdown and the command to run on the Exchange
 * server. `paired` is the agent that redeemed this code, once the event stream says so.
 */
export function AddAgentCard({
  code,
  paired,
  onCode,
}: {
  code: PairingCode | undefined;
  paired: AgentSummary | undefined;
  onCode: (code: PairingCode | undefined) => void;
}) {
  const { api } = useSession();
  const [now, setNow] = useState(() => Date.now());
  const [problem, setProblem] = useState<string>();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!code || paired) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [code, paired]);

  const create = async () => {
    try {
      setProblem(undefined);
      setCopied(false);
      onCode(await api.createPairingCode());
      setNow(Date.now());
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  // The code is forgotten only once the service has withdrawn it: a refused withdrawal leaves it
  // shown, with the reason, since it could still pair an agent.
  const withdraw = async () => {
    if (!code) return;
    try {
      setProblem(undefined);
      await api.withdrawPairingCode(code.id);
      onCode(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  if (paired) {
    return (
      <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-6" data-testid="add-agent-card">
        <p className="text-lg font-semibold text-emerald-800">Connected: {paired.host}</p>
        <p className="mt-1 text-sm text-emerald-900">
          {paired.name} (version {paired.version}) runs Exchange cmdlets as {paired.runAs}.
        </p>
        <button type="button" onClick={() => void create()} className="mt-4 text-sm text-brand-700 underline">
          Add another agent
        </button>
      </div>
    );
  }
  if (!code) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-6" data-testid="add-agent-card">
        <p className="text-sm text-slate-600">
          The agent runs next to your Exchange servers and only connects out to this service over HTTPS
          (proxies with credentials work).{" "}
          <a href="/downloads" className="text-brand-700 underline">
            Download it
          </a>
          , then pair it with a one-time code.
        </p>
        {problem && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {problem}
          </p>
        )}
        <button
          type="button"
          onClick={() => void create()}
          className="mt-4 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Add agent
        </button>
      </div>
    );
  }
  const expired = Date.parse(code.expiresAt) <= now;
  return (
    <div className="rounded-lg border border-brand-600 bg-white p-6" data-testid="add-agent-card">
      <p className="text-sm text-slate-600">Pairing code (single use)</p>
      <p className="mt-1 font-mono text-2xl tracking-wider" data-testid="pairing-code">
        {code.code}
      </p>
      <p className="mt-1 text-sm text-slate-600" data-testid="pairing-countdown">
        {expired
          ? "This code has expired. Create a new one."
          : `Expires in ${remaining(code.expiresAt, now)}`}
      </p>
      <p className="mt-4 text-sm text-slate-600">
        On the Exchange server, in the folder with hybrid-agent.mjs, run:
      </p>
      <div className="mt-1 flex items-start gap-2">
        <code
          className="block flex-1 rounded bg-slate-900 p-3 text-sm break-all text-slate-100"
          data-testid="pair-command"
        >
          {code.command}
        </code>
        <button
          type="button"
          onClick={() => void navigator.clipboard.writeText(code.command).then(() => setCopied(true))}
          className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="mt-4 text-sm text-slate-500">Waiting for the agent to connect…</p>
      {problem && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {problem}
        </p>
      )}
      <div className="mt-2 flex gap-4 text-sm">
        {expired && (
          <button type="button" onClick={() => void create()} className="text-brand-700 underline">
            New code
          </button>
        )}
        <button type="button" onClick={() => void withdraw()} className="text-slate-600 underline">
          Cancel this code
        </button>
      </div>
    </div>
  );
}
