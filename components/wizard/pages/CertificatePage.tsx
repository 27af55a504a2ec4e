"use client";

import { useState } from "react";
import { describedBy, FieldMessage } from "@/components/wizard/run/FieldMessage";
import { NotGathered } from "@/components/wizard/run/NotGathered";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import type { RunCertificate } from "@/lib/contracts/wizard-gather";
import { savedAnswers } from "./saved-answers";

const day = (iso: string) => new Date(iso).toLocaleDateString();

/** The HCW's Transport Certificate: the certificates on the chosen connector servers; invalid ones disabled, with why. */
export default function CertificatePage() {
  const { run, gathered, saveAndNext, fieldErrors } = useWizardRun();
  const servers = new Set(
    [
      ...(savedAnswers(run, "receiveConnectors").servers ?? []),
      ...(savedAnswers(run, "sendConnectors").servers ?? []),
    ].map((name) => name.toLowerCase()),
  );
  // One choice per certificate: the same thumbprint installed on several servers is one certificate.
  const byThumbprint = new Map<string, RunCertificate & { on: string[] }>();
  for (const certificate of gathered?.certificates ?? []) {
    if (!servers.has(certificate.server.toLowerCase())) continue;
    const seen = byThumbprint.get(certificate.thumbprint);
    if (seen) seen.on.push(certificate.server);
    else byThumbprint.set(certificate.thumbprint, { ...certificate, on: [certificate.server] });
  }
  const certificates = [...byThumbprint.values()];
  const [thumbprint, setThumbprint] = useState(
    savedAnswers(run, "certificate").thumbprint ??
      certificates.find((certificate) => !certificate.invalid)?.thumbprint ??
      "",
  );
  if (!gathered) return <NotGathered />;
  return (
    <form
      className="max-w-4xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("certificate", { thumbprint });
      }}
    >
      <fieldset className="space-y-3" {...describedBy(fieldErrors, "thumbprint")}>
        <legend className="font-semibold text-slate-800">
          Certificate for secure mail with Exchange Online
        </legend>
        {certificates.length === 0 && (
          <p className="text-slate-700">No certificate is installed on the chosen servers.</p>
        )}
        {certificates.map((certificate, index) => (
          <label
            key={certificate.thumbprint}
            className={`flex items-start gap-2 rounded border border-slate-200 bg-white p-3 ${certificate.invalid ? "text-slate-600" : ""}`}
            data-testid="certificate-choice"
          >
            <input
              type="radio"
              name="certificate"
              value={certificate.thumbprint}
              checked={thumbprint === certificate.thumbprint}
              disabled={certificate.invalid !== null}
              onChange={() => setThumbprint(certificate.thumbprint)}
              aria-describedby={`certificate-about-${index}`}
            />
            <span>
              <span className="font-medium">{certificate.subject}</span>
              <span id={`certificate-about-${index}`} className="block text-sm">
                Issued by {certificate.issuer}; valid {day(certificate.notBefore)} to{" "}
                {day(certificate.notAfter)}; services {certificate.services.join(", ") || "none"}; names{" "}
                {certificate.names.join(", ")}; on {certificate.on.join(", ")}; thumbprint{" "}
                {certificate.thumbprint}.
                {certificate.invalid && (
                  <span className="block font-medium text-red-800">{certificate.invalid}</span>
                )}
              </span>
            </span>
          </label>
        ))}
        <FieldMessage errors={fieldErrors} path="thumbprint" />
      </fieldset>
      <PageActions page="certificate" />
    </form>
  );
}
