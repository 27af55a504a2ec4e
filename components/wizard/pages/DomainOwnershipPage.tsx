"use client";

import { useCallback, useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { NotGathered } from "@/components/wizard/run/NotGathered";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import type { DomainProofCheck } from "@/lib/contracts/wizard-domain-proofs";
import type { DomainProof } from "@/lib/contracts/wizard-gather";
import { savedAnswers } from "./saved-answers";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The HCW's Domain Ownership (only with a federation trust): each hybrid domain's TXT proof to
 * publish, copyable, and Verify, a DNS lookup through the service's resolvers. Without a trust
 * there is no proof yet: the admin creates it here, as Microsoft's wizard does.
 */
export default function DomainOwnershipPage() {
  const { api } = useSession();
  const { run, gathered, setGathered, saveAndNext } = useWizardRun();
  const [proofs, setProofs] = useState<DomainProof[]>(gathered?.domainProofs ?? []);
  const [trust, setTrust] = useState(gathered?.federationTrust ?? false);
  const [checks, setChecks] = useState<Record<string, DomainProofCheck | string>>({});
  const [verified, setVerified] = useState<string[]>(
    savedAnswers(run, "domainOwnership").confirmedDomains ?? [],
  );
  const [working, setWorking] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const read = useCallback(
    async (createTrust: boolean) => {
      setWorking(createTrust ? "Creating the federation trust…" : "Reading the domain proofs…");
      setProblem(undefined);
      try {
        const { proofs: read } = await api.readDomainProofs(run.id, createTrust);
        setProofs(read);
        if (read.length > 0) {
          setTrust(true);
          if (gathered) setGathered({ ...gathered, federationTrust: true, domainProofs: read });
        }
      } catch (error) {
        setProblem(messageOf(error));
      } finally {
        setWorking(undefined);
      }
    },
    [api, run.id, gathered, setGathered],
  );

  const needsProofs = gathered?.federationTrust === true && gathered.domainProofs.length === 0;
  useEffect(() => {
    if (needsProofs) void read(false);
  }, [needsProofs, read]);

  if (!gathered) return <NotGathered />;

  const verify = async (domain: string) => {
    setChecks((current) => ({ ...current, [domain]: "Looking up the TXT record…" }));
    try {
      const check = await api.verifyDomainProof(run.id, domain);
      setChecks((current) => ({ ...current, [domain]: check }));
      setVerified((current) =>
        check.verified ? [...new Set([...current, domain])] : current.filter((other) => other !== domain),
      );
    } catch (error) {
      setChecks((current) => ({ ...current, [domain]: messageOf(error) }));
    }
  };

  return (
    <form
      className="max-w-4xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("domain-ownership", { confirmedDomains: verified });
      }}
    >
      <p className="text-slate-600">
        Exchange 2010 in your organization shares free/busy through the Microsoft Federation Gateway, which
        asks you to prove you own each hybrid domain: publish its TXT record at your DNS host, then Verify.
      </p>
      {!trust && (
        <div className="rounded border border-slate-200 bg-white p-4">
          <p>
            Your organization has no federation trust yet, and the proofs are made from its certificate.
            Creating it now (New-FederationTrust, as Microsoft's wizard does on this page) changes nothing
            else; the plan uses it.
          </p>
          <button
            type="button"
            disabled={working !== undefined}
            onClick={() => void read(true)}
            className="mt-3 rounded bg-brand-600 px-4 py-1 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
          >
            Create the federation trust
          </button>
        </div>
      )}
      {working && <p aria-live="polite">{working}</p>}
      {problem && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {problem}
        </p>
      )}
      <ul className="space-y-4">
        {proofs.map((proof) => {
          const check = checks[proof.domain];
          return (
            <li
              key={proof.domain}
              className="rounded border border-slate-200 bg-white p-4"
              data-testid="domain-proof"
            >
              <h2 className="font-semibold text-slate-800">{proof.domain}</h2>
              <pre className="mt-2 overflow-x-auto rounded bg-slate-900 px-3 py-2 text-sm text-slate-100">
                <code>{proof.record}</code>
              </pre>
              <div className="mt-2 flex gap-3">
                <button
                  type="button"
                  onClick={() => void navigator.clipboard.writeText(proof.proof)}
                  className="rounded border border-slate-300 px-3 py-1"
                >
                  Copy the proof for {proof.domain}
                </button>
                <button
                  type="button"
                  onClick={() => void verify(proof.domain)}
                  className="rounded border border-slate-300 px-3 py-1"
                >
                  Verify {proof.domain}
                </button>
              </div>
              <p aria-live="polite" className="mt-2 text-sm">
                {typeof check === "string" ? (
                  check
                ) : check ? (
                  <span className={check.verified ? "text-green-800" : "text-red-700"}>
                    {check.verified ? "Verified: " : "Not verified: "}
                    {check.message}
                  </span>
                ) : verified.includes(proof.domain) ? (
                  <span className="text-green-800">Verified earlier.</span>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
      <PageActions page="domain-ownership" />
    </form>
  );
}
