"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError } from "@/components/api/api-client";
import { useSession } from "@/components/auth/SessionProvider";

export type ExchangeOnlineConnectionState =
  | { status: "idle" | "checking" }
  | { status: "connected"; organizationName: string; displayName: string }
  /** Exchange Online wants more of the sign-in (MFA): the admin signs in again with `claims`. */
  | { status: "sign-in-again"; message: string; claims?: string }
  | { status: "failed"; message: string };

/** Checks, on the admin's behalf, that their sign-in reaches their organization in Exchange Online. */
export function useExchangeOnlineConnection() {
  const { state, api } = useSession();
  const [connection, setConnection] = useState<ExchangeOnlineConnectionState>({ status: "idle" });
  const signedInAs = state.status === "signed-in" ? state.me.user.objectId : undefined;

  const check = useCallback(async () => {
    setConnection({ status: "checking" });
    try {
      const { organizationName, displayName } = await api.checkExchangeOnlineConnection();
      setConnection({ status: "connected", organizationName, displayName });
    } catch (error) {
      if (error instanceof ApiError && error.code === "interaction_required") {
        setConnection({ status: "sign-in-again", message: error.message, claims: error.details.claims });
      } else {
        setConnection({ status: "failed", message: error instanceof Error ? error.message : String(error) });
      }
    }
  }, [api]);

  useEffect(() => {
    if (signedInAs) void check();
    else setConnection({ status: "idle" });
  }, [signedInAs, check]);

  return { connection, check };
}
