"use client";

import { useState } from "react";
import { describedBy, FieldMessage } from "@/components/wizard/run/FieldMessage";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { savedAnswers } from "./saved-answers";

/** The HCW's Organization FQDN: the name Exchange Online sends mail to (its smart host), e.g. mail.contoso.com. */
export default function OrganizationFqdnPage() {
  const { run, gathered, saveAndNext, fieldErrors } = useWizardRun();
  const chosen = gathered?.certificates.find(
    (certificate) => certificate.thumbprint === savedAnswers(run, "certificate").thumbprint,
  );
  const suggested = chosen ? (/^CN=([^,]+)/i.exec(chosen.subject)?.[1] ?? "") : "";
  const [fqdn, setFqdn] = useState(savedAnswers(run, "organizationFqdn").fqdn ?? suggested);
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("organization-fqdn", { fqdn });
      }}
    >
      <div>
        <label htmlFor="organization-fqdn" className="block font-semibold text-slate-800">
          Fully qualified domain name of your on-premises organization
        </label>
        <p id="fqdn-help" className="text-sm text-slate-600">
          Exchange Online delivers mail for on-premises mailboxes to this name; the transport certificate must
          cover it.
        </p>
        <input
          id="organization-fqdn"
          value={fqdn}
          onChange={(event) => setFqdn(event.target.value)}
          className="mt-1 w-96 rounded border border-slate-300 px-2 py-1"
          aria-describedby={fieldErrors.fqdn ? undefined : "fqdn-help"}
          {...describedBy(fieldErrors, "fqdn")}
        />
        <FieldMessage errors={fieldErrors} path="fqdn" />
      </div>
      <PageActions page="organization-fqdn" />
    </form>
  );
}
