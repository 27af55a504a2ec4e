"use client";

import { type FormEvent, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { StoredMigrationCredential } from "@/lib/contracts/run-credentials";
import { AccountFields } from "./AccountFields";
import { CredentialSubmitStatus } from "./CredentialSubmitStatus";
import { useCredentialSubmit } from "./use-credential-submit";

/**
 * The migration endpoint's account (the Migration Credential page). Exchange Online signs in with
 * it for mailbox moves, so it goes to the service, which keeps it encrypted only until
 * New-MigrationEndpoint has used it. `onStored` gets what the page saves in its answers
 * (`{ userName, secretReference }`).
 */
export function MigrationCredentialForm(props: {
  runId: string;
  /** The user name already saved in the run's answers, to start from. */
  initialUserName?: string;
  onStored: (credential: StoredMigrationCredential) => void;
}) {
  const { api } = useSession();
  const { state, submit } = useCredentialSubmit();
  const [userName, setUserName] = useState(props.initialUserName ?? "");
  const [password, setPassword] = useState("");
  const fields = state.status === "failed" ? state.fields : {};

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      const stored = await api.storeMigrationCredential(props.runId, { userName: userName.trim(), password });
      setPassword("");
      props.onStored(stored);
      return `Saved: ${stored.userName}. Its password is kept encrypted until the migration endpoint is made.`;
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Migration credential">
      <AccountFields
        userName={userName}
        password={password}
        errors={fields}
        userNameHint="An on-premises account with the rights to move mailboxes, such as CONTOSO\svc-migration."
        passwordHint="Kept encrypted only until the migration endpoint is made, then deleted."
        onUserName={setUserName}
        onPassword={setPassword}
      />
      <CredentialSubmitStatus state={state} />
      <button
        type="submit"
        disabled={state.status === "saving"}
        className="rounded bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
      >
        {state.status === "saving" ? "Saving…" : "Save the credential"}
      </button>
    </form>
  );
}
