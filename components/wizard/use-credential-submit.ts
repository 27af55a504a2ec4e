"use client";

import { useState } from "react";
import { ApiError } from "@/components/api/api-client";
import type { FieldErrors } from "./AccountFields";

export type SubmitState =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved"; message: string }
  | { status: "failed"; message: string; fields: FieldErrors };

/** The service's field messages (422 `issues`), by the form's field names. */
function fieldErrorsOf(error: unknown): FieldErrors {
  const fields: FieldErrors = {};
  if (!(error instanceof ApiError)) return fields;
  for (const issue of error.details.issues ?? []) {
    if (issue.path === "userName" || issue.path === "password") fields[issue.path] = issue.message;
  }
  return fields;
}

/**
 * Sending a credential form: one attempt at a time, and a refusal kept with its field messages so
 * the admin sees what to fix, with what they typed left in place.
 */
export function useCredentialSubmit() {
  const [state, setState] = useState<SubmitState>({ status: "idle" });
  /** `send` answers what to tell the admin once it is saved. */
  const submit = async (send: () => Promise<string>) => {
    if (state.status === "saving") return;
    setState({ status: "saving" });
    try {
      setState({ status: "saved", message: await send() });
    } catch (error) {
      setState({
        status: "failed",
        message: error instanceof Error ? error.message : String(error),
        fields: fieldErrorsOf(error),
      });
    }
  };
  return { state, submit };
}
