"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useAgents } from "@/components/agents/use-agents";
import { useSession } from "@/components/auth/SessionProvider";
import {
  type ConnectionState,
  useComplianceConnection,
  useExchangeOnlineConnection,
} from "./use-connection-check";

function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid={testId}>
      <h2 className="font-semibold text-slate-800">{title}</h2>
      <div className="mt-3 space-y-1 text-sm text-slate-700">{children}</div>
    </section>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <p className="flex gap-1">
      {/* A long label ("Security & Compliance") wraps in its own column, the value stays aligned. */}
      <span className="w-28 shrink-0 text-slate-500">{label}</span>
      <span className="min-w-0 break-words">{value}</span>
    </p>
  );
}

function ConnectionLine<Result>({
  service,
  connection,
  connected,
  onSignInAgain,
  onRetry,
}: {
  /** As the admin knows it: "Exchange Online". */
  service: string;
  connection: ConnectionState<Result>;
  /** What the service answered, in a few words. */
  connected: (result: Result) => string;
  onSignInAgain: (claims?: string) => void;
  onRetry: () => void;
}) {
  switch (connection.status) {
    case "idle":
      return null;
    case "checking":
      return <p className="text-slate-500">Connecting to {service}…</p>;
    case "connected":
      return <Field label={service} value={connected(connection.result)} />;
    case "sign-in-again":
      return (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          <p>{connection.message}</p>
          <button type="button" onClick={() => onSignInAgain(connection.claims)} className="mt-2 underline">
            Sign in again (MFA needed)
          </button>
        </div>
      );
    case "failed":
      return (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
          <p>{connection.message}</p>
          <button type="button" onClick={onRetry} className="mt-2 underline">
            Try again
          </button>
        </div>
      );
  }
}

/** Both credentials, once both are there: the Credentials page's answers. */
export interface CredentialsReady {
  onPremisesAgent: string;
  exchangeOnlineAdmin: string;
}

/**
 * The HCW's Credentials page: the on-premises account (the paired agent's run-as identity) and the
 * Exchange Online account (the signed-in admin, checked against Exchange Online on their behalf).
 * `actions` gets both only when both are there, so Next stays disabled until then.
 */
export function CredentialsPanel({ actions }: { actions: (ready: CredentialsReady | null) => ReactNode }) {
  const { state, switchAccount, signInAgain } = useSession();
  const { connection, check } = useExchangeOnlineConnection();
  const compliance = useComplianceConnection();
  // A new sign-in (with MFA) is what both checks may have been waiting for.
  const checkBoth = () => Promise.all([check(), compliance.check()]);
  const { agents } = useAgents();
  const pathname = usePathname();
  const agent = agents?.find((candidate) => candidate.online) ?? agents?.[0];
  const signedIn = state.status === "signed-in" ? state : undefined;

  return (
    <div className="space-y-6">
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="On-premises account" testId="onprem-credential-card">
          {!signedIn ? (
            <p className="text-slate-500">Sign in to see your organization's agents.</p>
          ) : agent ? (
            <>
              <Field label="Runs as" value={agent.runAs} />
              <Field label="Agent" value={`${agent.name} on ${agent.host}`} />
              <Field
                label="Status"
                value={agent.online ? "Online" : "Offline — start the agent on the server"}
              />
            </>
          ) : agents ? (
            <p>
              No agent paired yet.{" "}
              <Link href="/agents" className="text-brand-700 underline">
                Pair an agent
              </Link>{" "}
              on a server next to your Exchange servers.
            </p>
          ) : (
            <p className="text-slate-500">Loading…</p>
          )}
        </Card>
        <Card title="Exchange Online account" testId="exo-credential-card">
          {signedIn ? (
            <>
              <Field label="Signed in as" value={signedIn.me.user.upn} />
              <Field label="Organization" value={signedIn.me.tenant.displayName} />
              <Field label="Cloud" value={signedIn.me.tenant.cloudDisplayName} />
              <Field label="MFA" value={signedIn.me.mfa ? "yes" : "no"} />
              <ConnectionLine
                service="Exchange Online"
                connection={connection}
                connected={(organization) => `Connected (${organization.organizationName})`}
                onSignInAgain={(claims) => void signInAgain(claims).then(checkBoth)}
                onRetry={() => void check()}
              />
              <ConnectionLine
                service="Security & Compliance"
                connection={compliance.connection}
                connected={({ endpoint, labels }) =>
                  `Connected (${endpoint}, ${labels.length} sensitivity label${labels.length === 1 ? "" : "s"})`
                }
                onSignInAgain={(claims) => void signInAgain(claims).then(checkBoth)}
                onRetry={() => void compliance.check()}
              />
              <button
                type="button"
                onClick={() => void switchAccount()}
                className="mt-3 rounded border border-slate-300 px-3 py-1 hover:bg-slate-100"
              >
                Switch account
              </button>
            </>
          ) : (
            <>
              {state.status === "signed-out" && state.notice && (
                <p role="alert" className="text-amber-900">
                  {state.notice}
                </p>
              )}
              <p>Sign in with a Global Administrator or Exchange Administrator account.</p>
              <Link
                href={`/sign-in?returnTo=${encodeURIComponent(pathname)}`}
                className="mt-3 inline-block rounded bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700"
              >
                Sign in
              </Link>
            </>
          )}
        </Card>
      </div>
      {actions(
        signedIn && agent && connection.status === "connected"
          ? { onPremisesAgent: agent.name, exchangeOnlineAdmin: signedIn.me.user.upn }
          : null,
      )}
    </div>
  );
}
