"use client";

import { useState } from "react";
import { describedBy, FieldMessage } from "@/components/wizard/run/FieldMessage";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { MIGRATION_PASSWORD_FIELD } from "./migration-password-slot";
import { savedAnswers } from "./saved-answers";

/** The HCW's Migration credential: the on-premises account Exchange Online's migration endpoint signs in with. */
export default function MigrationCredentialPage() {
  const { run, saveAndNext, fieldErrors } = useWizardRun();
  const saved = savedAnswers(run, "migrationCredential");
  const [userName, setUserName] = useState(saved.userName ?? "");
  const [secretReference, setSecretReference] = useState(saved.secretReference);
  const PasswordField = MIGRATION_PASSWORD_FIELD;
  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        void saveAndNext("migration-credential", { userName, secretReference: secretReference ?? "" });
      }}
    >
      <p className="text-slate-600">
        Exchange Online signs in to your Exchange servers with this account to move mailboxes (the migration
        endpoint). It needs permission to move mailboxes on-premises.
      </p>
      <div>
        <label htmlFor="migration-user" className="block font-semibold text-slate-800">
          User name (DOMAIN\user)
        </label>
        <input
          id="migration-user"
          value={userName}
          onChange={(event) => setUserName(event.target.value)}
          autoComplete="username"
          className="mt-1 w-96 rounded border border-slate-300 px-2 py-1"
          {...describedBy(fieldErrors, "userName")}
        />
        <FieldMessage errors={fieldErrors} path="userName" />
      </div>
      {PasswordField ? (
        <PasswordField runId={run.id} userName={userName} onStored={setSecretReference} />
      ) : (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          This build cannot keep the account's password yet, so the migration endpoint cannot be saved. Turn
          the migration endpoint off on Hybrid Features to go on without it.
        </p>
      )}
      <FieldMessage errors={fieldErrors} path="secretReference" />
      <PageActions page="migration-credential" />
    </form>
  );
}
