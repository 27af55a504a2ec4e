"use client";

import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";
import { useEffect, useState } from "react";

export function RedirectBridge() {
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    broadcastResponseToMainFrame().catch((error: unknown) =>
      setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, []);
  return (
    <p className="p-8 text-slate-600" data-testid="auth-redirect">
      {problem ? `This page only completes a sign-in started in Hybrid Wizard (${problem}).` : "Signing in…"}
    </p>
  );
}
