"use client";

import { useCallback, useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { SignInPrompt } from "@/components/auth/SignInPrompt";
import type { AuditEventView, AuditPage } from "@/lib/contracts/audit";

type Filters = { actor: string; action: string; tenantId: string; from: string; to: string };
const NO_FILTERS: Filters = { actor: "", action: "", tenantId: "", from: "", to: "" };

/** The filters as the API's query: empty ones left out, local date-times sent as instants. */
function queryOf(filters: Filters, cursor?: string): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.actor) query.set("actor", filters.actor);
  if (filters.action) query.set("action", filters.action);
  if (filters.tenantId) query.set("tenantId", filters.tenantId);
  if (filters.from) query.set("from", new Date(filters.from).toISOString());
  if (filters.to) query.set("to", new Date(filters.to).toISOString());
  if (cursor) query.set("cursor", cursor);
  return query;
}

/**
 * The audit trail, newest first: the organization's own (`tenant`) or across a partner's customers
 * (`partner`). Filters by who, what, which organization and when; older pages by cursor; CSV export.
 */
export function AuditPanel({ scope }: { scope: "tenant" | "partner" }) {
  const { state, api } = useSession();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [events, setEvents] = useState<AuditEventView[]>([]);
  const [page, setPage] = useState<AuditPage>();
  const [problem, setProblem] = useState<string>();
  const signedIn = state.status === "signed-in";

  const load = useCallback(
    async (chosen: Filters, cursor?: string) => {
      setProblem(undefined);
      try {
        const next = await api.auditPage(scope, queryOf(chosen, cursor));
        setPage(next);
        setEvents((shown) => (cursor ? [...shown, ...next.events] : next.events));
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      }
    },
    [api, scope],
  );
  useEffect(() => {
    if (signedIn) void load(NO_FILTERS);
  }, [signedIn, load]);

  if (state.status !== "signed-in") return <SignInPrompt state={state} what="see the audit trail" />;

  const exportCsv = async () => {
    try {
      const url = URL.createObjectURL(await api.downloadAuditCsv(scope, queryOf(applied)));
      const link = document.createElement("a");
      link.href = url;
      link.download = `hybrid-wizard-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const field = (name: keyof Filters, label: string, type = "text") => (
    <label className="text-sm">
      <span className="block text-slate-600">{label}</span>
      <input
        type={type}
        value={filters[name]}
        onChange={(event) => setFilters({ ...filters, [name]: event.target.value })}
        className="rounded border border-slate-300 px-2 py-1"
      />
    </label>
  );

  return (
    <section className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(filters);
          void load(filters);
        }}
      >
        {field("actor", "Who")}
        {field("action", "Action (or its start, e.g. member.)")}
        {scope === "partner" && page && (
          <label className="text-sm">
            <span className="block text-slate-600">Customer</span>
            <select
              value={filters.tenantId}
              onChange={(event) => setFilters({ ...filters, tenantId: event.target.value })}
              className="rounded border border-slate-300 px-2 py-1"
            >
              <option value="">All customers</option>
              {page.tenants.map((tenant) => (
                <option key={tenant.id} value={tenant.id}>
                  {tenant.displayName}
                </option>
              ))}
            </select>
          </label>
        )}
        {field("from", "From", "datetime-local")}
        {field("to", "To", "datetime-local")}
        <button type="submit" className="rounded bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
          Filter
        </button>
        <button type="button" className="text-sm text-brand-700 underline" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </form>
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="audit-events">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1">When</th>
            {scope === "partner" && <th>Customer</th>}
            <th>Who</th>
            <th>What</th>
            <th>Target</th>
            <th>Result</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-t border-slate-100 align-top">
              <td className="py-1 whitespace-nowrap">{new Date(event.at).toLocaleString()}</td>
              {scope === "partner" && <td>{event.tenantName}</td>}
              <td title={event.actorUpn ?? undefined}>{event.actorName ?? "—"}</td>
              <td className="font-mono">{event.action}</td>
              <td className="break-all">
                {event.targetType} {event.targetId}
              </td>
              <td className={event.result === "refused" ? "text-red-700" : "text-slate-700"}>
                {event.result}
              </td>
              <td title={event.userAgent ?? undefined}>{event.ipAddress ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && events.length === 0 && <p className="text-sm text-slate-600">No events match.</p>}
      {page?.nextCursor && (
        <button
          type="button"
          className="text-sm text-brand-700 underline"
          onClick={() => void load(applied, page.nextCursor ?? undefined)}
        >
          Older events
        </button>
      )}
    </section>
  );
}
