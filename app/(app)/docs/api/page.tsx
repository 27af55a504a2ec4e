import { IDEMPOTENCY_KEY_HEADER } from "@/lib/contracts/idempotency";
import type { ApiOperation } from "@/lib/openapi/api-operation";
import { API_OPERATIONS } from "@/lib/openapi/api-operations";
import { ERROR_GUIDE } from "@/lib/openapi/error-guide";

export const metadata = { title: "API — Hybrid Wizard" };

const SECTION = "rounded-lg border border-slate-200 bg-white p-8 shadow-sm";
const AUTH: Record<ApiOperation["auth"], string> = {
  user: "admin token",
  agent: "agent credential",
  none: "no sign-in",
};

function byTag(): Map<string, ApiOperation[]> {
  const groups = new Map<string, ApiOperation[]>();
  for (const operation of API_OPERATIONS)
    groups.set(operation.tag, [...(groups.get(operation.tag) ?? []), operation]);
  return groups;
}

// A light page read on the server from the list the OpenAPI document is generated from: no script
// of its own. The schemas themselves are in /api/openapi.json, for tools.
export default function ApiDocsPage() {
  return (
    <div className="space-y-8">
      <section className={SECTION}>
        <h1 className="text-2xl font-semibold text-brand-900">Hybrid Wizard API</h1>
        <p className="mt-3 max-w-3xl text-slate-700">
          Everything the wizard's pages do, a script can do, as the same admin, with the same plan and the
          same audit trail. Send an access token for this service's API as{" "}
          <code>Authorization: Bearer …</code>; the <code>hybrid-wizard</code> command line (on the{" "}
          <a href="/downloads">Downloads</a> page) signs you in with MFA and calls it for you. The
          machine-readable description, generated from the same schemas the server checks requests with, is{" "}
          <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
        </p>
        <p className="mt-3 max-w-3xl text-slate-700">
          Requests that start work take an <code>{IDEMPOTENCY_KEY_HEADER}</code> header (any unique string, a
          UUID will do): sent again with the same key within 24 hours, the request answers what it answered
          the first time, with <code>Idempotent-Replayed: true</code>, and starts nothing. A request that
          failed lets its key go, so repeating it after fixing the cause runs it.
        </p>
      </section>

      {[...byTag()].map(([tag, operations]) => (
        <section key={tag} className={SECTION} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} className="text-lg font-semibold">
            {tag}
          </h2>
          <table className="mt-4 w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-4">
                  Request
                </th>
                <th scope="col" className="py-1 pr-4">
                  What it does
                </th>
                <th scope="col" className="py-1">
                  Who
                </th>
              </tr>
            </thead>
            <tbody>
              {operations.map((operation) => (
                <tr
                  key={`${operation.method} ${operation.path}`}
                  className="border-t border-slate-100 align-top"
                >
                  <td className="py-2 pr-4 font-mono break-all">
                    {operation.method} {operation.path}
                  </td>
                  <td className="py-2 pr-4">
                    {operation.summary}
                    {operation.startsWork && (
                      <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                        {IDEMPOTENCY_KEY_HEADER}
                      </span>
                    )}
                  </td>
                  <td className="py-2 text-slate-700">{AUTH[operation.auth]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}

      <section className={SECTION} aria-labelledby="errors">
        <h2 id="errors" className="text-lg font-semibold">
          Errors
        </h2>
        <p className="mt-2 max-w-3xl text-slate-700">
          Every error has one shape: <code>{`{"error": {"code", "message", "docs", …}}`}</code>. Branch on{" "}
          <code>code</code> (stable); show <code>message</code> (says what to fix); <code>docs</code> links
          here.
        </p>
        <dl className="mt-4 space-y-3">
          {Object.entries(ERROR_GUIDE).map(([code, guide]) => (
            <div key={code} id={`error-${code}`}>
              <dt className="font-mono text-sm font-semibold">{code}</dt>
              <dd className="text-slate-700">{guide}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
