"use client";

import { useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { OperationProgress } from "@/lib/contracts/wizard-update";

/**
 * The dedicated Exchange hybrid application as the update left it: the application (client) id
 * Entra ID gave it, and the HCW's warnings (HCW8126: admin consent refused) with what to do.
 * Nothing when the run had no application to make.
 */
export function HybridApplicationResult({ runId }: { runId: string }) {
  const { api } = useSession();
  const [operations, setOperations] = useState<OperationProgress[]>();
  useEffect(() => {
    let current = true;
    api
      .getUpdateProgress(runId)
      .then((progress) => current && setOperations(progress.operations))
      .catch(() => current && setOperations([]));
    return () => {
      current = false;
    };
  }, [api, runId]);
  const app = operations?.find(
    (operation) => operation.kind === "GraphApplication" && operation.values?.appId,
  );
  const warnings = operations?.filter((operation) => operation.error?.warning) ?? [];
  if (!app && warnings.length === 0) return null;
  return (
    <section aria-labelledby="hybrid-app-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="hybrid-app-heading" className="font-semibold text-slate-800">
        Exchange hybrid application
      </h2>
      {app && (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 text-sm text-slate-700">
          <dt className="text-slate-500">Application</dt>
          <dd>{app.identity}</dd>
          <dt className="text-slate-500">Application (client) ID</dt>
          <dd data-testid="hybrid-application-id" className="font-mono">
            {app.values?.appId}
          </dd>
        </dl>
      )}
      {warnings.map((operation) => (
        <p key={operation.id} role="alert" className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-900">
          <strong>Warning {operation.error?.hcwCodes?.join(", ")}: </strong>
          {operation.error?.title}. {operation.error?.fix}
        </p>
      ))}
    </section>
  );
}
