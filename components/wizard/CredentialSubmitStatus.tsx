import type { SubmitState } from "./use-credential-submit";

/** What became of a credential form's last submit, announced to screen readers as it changes. */
export function CredentialSubmitStatus({ state }: { state: SubmitState }) {
  if (state.status === "failed") {
    return (
      <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
        {state.message}
      </p>
    );
  }
  return (
    <p role="status" className="text-emerald-800">
      {state.status === "saved" ? state.message : ""}
    </p>
  );
}
