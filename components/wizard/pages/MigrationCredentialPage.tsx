"use client";

import { useState } from "react";
import { MigrationCredentialForm } from "@/components/wizard/MigrationCredentialForm";
import { FieldMessage } from "@/components/wizard/run/FieldMessage";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { savedAnswers } from "./saved-answers";

/**
 * The HCW's Migration credential: the on-premises account Exchange Online's migration endpoint
 * signs in with. Its password is stored apart (encrypted until New-MigrationEndpoint used it);
 * the answers keep only the user name and the stored password's reference.
 */
export default function MigrationCredentialPage() {
  const { run, saveAndNext, fieldErrors } = useWizardRun();
  const saved = savedAnswers(run, "migrationCredential");
  const [stored, setStored] = useState(
    saved.userName && saved.secretReference
      ? { userName: saved.userName, secretReference: saved.secretReference }
      : undefined,
  );
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-slate-600">
        Exchange Online signs in to your Exchange servers with this account to move mailboxes (the migration
        endpoint). It needs permission to move mailboxes on-premises.
      </p>
      <MigrationCredentialForm
        runId={run.id}
        {...(saved.userName ? { initialUserName: saved.userName } : {})}
        onStored={({ userName, secretReference }) => setStored({ userName, secretReference })}
      />
      {stored && (
        <p data-testid="migration-credential-saved" className="text-slate-700">
          The migration endpoint will sign in as {stored.userName}.
        </p>
      )}
      <FieldMessage errors={fieldErrors} path="userName" />
      <FieldMessage errors={fieldErrors} path="secretReference" />
      <PageActions
        page="migration-credential"
        nextDisabled={!stored}
        onNext={() => stored && void saveAndNext("migration-credential", stored)}
      />
    </div>
  );
}
