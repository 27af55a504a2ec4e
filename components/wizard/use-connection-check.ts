"use client";

import { useCallback, useEffect, useState } from "react";
import { type ApiClient, ApiError } from "@/components/api/api-client";
import { useSession } from "@/components/auth/SessionProvider";
import type {
  ComplianceConnectionResponse,
  ExchangeOnlineConnectionResponse,
} from "@/lib/contracts/exchange-online";

export type ConnectionState<Result> =
  | { status: "idle" | "checking" }
  | { status: "connected"; result: Result }
  /** The service wants more of the sign-in (MFA): the admin signs in again with `claims`. */
  | { status: "sign-in-again"; message: string; claims?: string }
  | { status: "failed"; message: string };

/** Checks, on the admin's behalf, that their sign-in reaches a Microsoft service; again on each sign-in. */
function useConnectionCheck<Result>(run: (api: ApiClient) => Promise<Result>) {
  const { state, api } = useSession();
  const [connection, setConnection] = useState<ConnectionState<Result>>({ status: "idle" });
  const signedInAs = state.status === "signed-in" ? state.me.user.objectId : undefined;

  const check = useCallback(async () => {
    setConnection({ status: "checking" });
    try {
      setConnection({ status: "connected", result: await run(api) });
    } catch (error) {
      if (error instanceof ApiError && error.code === "interaction_required") {
        setConnection({ status: "sign-in-again", message: error.message, claims: error.details.claims });
      } else {
        setConnection({ status: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    }
  }, [api, run]);

  useEffect(() => {
    if (signedInAs) void check();
    else setConnection({ status: "idle" });
  }, [signedInAs, check]);

  return { connection, check };
}

const checkExchangeOnline = (api: ApiClient) => api.checkExchangeOnlineConnection();
const checkCompliance = (api: ApiClient) => api.checkComplianceConnection();

/** The organization the admin's sign-in reaches in Exchange Online. */
export function useExchangeOnlineConnection() {
  return useConnectionCheck<ExchangeOnlineConnectionResponse>(checkExchangeOnline);
}

/** Security & Compliance (Connect-IPPSSession's endpoint) reached with the same sign-in. */
export function useComplianceConnection() {
  return useConnectionCheck<ComplianceConnectionResponse>(checkCompliance);
}
