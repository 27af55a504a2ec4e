"use client";

import { useState } from "react";
import { ApiError } from "@/components/api/api-client";
import { useSession } from "@/components/auth/SessionProvider";
import type { CertificateChoicesResponse } from "@/lib/contracts/wizard-done";
import type { Plan } from "@/lib/wizard/plan/plan-types";
import { PlanOperations } from "./PlanOperations";
import { StartLinkedRun } from "./StartLinkedRun";

type State =
  | { status: "idle" | "loading" }
  | {
      status: "choosing";
      certificates: CertificateChoicesResponse["certificates"];
      plan?: Plan;
      /** The certificate the plan is for. */
      thumbprint?: string;
      problem?: string;
    }
  | { status: "failed"; message: string };

function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.details.issues?.length) {
    return error.details.issues.map((issue) => issue.message).join(" ");
  }
  return error instanceof Error ? error.message : String(error);
}

/** Replace the transport certificate (the HCW's "Update Secure Mail Certificate for Connectors"). */
export function ReplaceCertificate({ runId }: { runId: string }) {
  const { api } = useSession();
  const [state, setState] = useState<State>({ status: "idle" });
  const load = async () => {
    setState({ status: "loading" });
    try {
      setState({ status: "choosing", ...(await api.listCertificateChoices(runId)) });
    } catch (error) {
      setState({ status: "failed", message: messageOf(error) });
    }
  };
  const choose = async (thumbprint: string) => {
    if (state.status !== "choosing") return;
    try {
      const { plan } = await api.planCertificateReplacement(runId, thumbprint);
      setState({ ...state, plan, thumbprint, problem: undefined });
    } catch (error) {
      setState({ ...state, plan: undefined, thumbprint: undefined, problem: messageOf(error) });
    }
  };
  return (
    <section
      aria-labelledby="certificate-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="certificate-heading" className="font-semibold text-slate-800">
        Replace the transport certificate
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Changes only the certificate of the hybrid configuration and the connectors, for example after a
        renewal.
      </p>
      {state.status !== "choosing" && (
        <button
          type="button"
          onClick={load}
          disabled={state.status === "loading"}
          className="mt-3 rounded border border-slate-300 px-4 py-2 disabled:opacity-50"
        >
          {state.status === "loading" ? "Reading the servers' certificates…" : "Choose a new certificate"}
        </button>
      )}
      {state.status === "failed" && (
        <p role="alert" className="mt-3 text-red-800">
          {state.message}
        </p>
      )}
      {state.status === "choosing" && (
        <div className="mt-3 space-y-4">
          <ul className="space-y-2 text-sm">
            {state.certificates.map((certificate) => (
              <li key={certificate.thumbprint}>
                <button
                  type="button"
                  disabled={certificate.current || certificate.problems.length > 0}
                  onClick={() => choose(certificate.thumbprint)}
                  className="rounded border border-slate-300 px-3 py-1 text-left disabled:opacity-60"
                >
                  {certificate.subject} ({certificate.thumbprint}), until {certificate.notAfter}, on{" "}
                  {certificate.servers.join(", ")}
                  {certificate.current && " — in use now"}
                </button>
                {certificate.problems.map((problem) => (
                  <p key={problem} className="text-slate-600">
                    {problem}
                  </p>
                ))}
              </li>
            ))}
          </ul>
          {state.problem && (
            <p role="alert" className="text-red-800">
              {state.problem}
            </p>
          )}
          {state.plan && <PlanOperations plan={state.plan} />}
          {state.plan && state.thumbprint && (
            <StartLinkedRun
              label="Run the certificate change"
              create={() => api.createCertificateRun(runId, state.thumbprint ?? "")}
            />
          )}
        </div>
      )}
    </section>
  );
}
