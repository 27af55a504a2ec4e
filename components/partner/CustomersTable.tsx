"use client";

import Link from "next/link";
import type { CustomerRow, CustomersQuery } from "@/lib/contracts/partner-dashboard";
import { EwsReadinessCell } from "./EwsReadinessCell";
import { CLOUD_LABELS, STATE_LABELS } from "./labels";

const STATE_STYLES = {
  drifted: "bg-red-100 text-red-800",
  configured: "bg-emerald-100 text-emerald-800",
  notConfigured: "bg-slate-200 text-slate-700",
  unchecked: "bg-slate-100 text-slate-600",
} as const;
const DAY_MS = 86_400_000;

const when = (iso: string) => new Date(iso).toLocaleString();

/** A column header that sorts by its column (again: the other way), through the URL. */
function SortHeader(props: {
  label: string;
  sort: NonNullable<CustomersQuery["sort"]>;
  query: CustomersQuery;
}) {
  const { query, sort } = props;
  const current = (query.sort ?? "name") === sort;
  const order = current && query.order !== "desc" ? "desc" : "asc";
  const params = new URLSearchParams(
    Object.entries({ ...query, sort, order, page: undefined }).flatMap(([key, value]) =>
      value === undefined ? [] : [[key, String(value)]],
    ),
  );
  return (
    <th
      className="px-3 py-2"
      aria-sort={current ? (query.order === "desc" ? "descending" : "ascending") : "none"}
    >
      <Link href={`/partner?${params}`} className="hover:text-brand-700">
        {props.label}
        {current ? (query.order === "desc" ? " ↓" : " ↑") : ""}
      </Link>
    </th>
  );
}

function certificate(iso: string | null) {
  if (!iso) return <span className="text-slate-500">—</span>;
  const days = Math.floor((new Date(iso).getTime() - Date.now()) / DAY_MS);
  const soon = days <= 30;
  return (
    <span className={soon ? "font-medium text-red-700" : ""}>
      {new Date(iso).toLocaleDateString()}
      {soon ? (days < 0 ? " (expired)" : ` (${days} days)`) : ""}
    </span>
  );
}

export function CustomersTable(props: {
  rows: CustomerRow[];
  query: CustomersQuery;
  selected: ReadonlySet<string>;
  onSelect: (tenantId: string, selected: boolean) => void;
  onReport: (row: CustomerRow) => void;
}) {
  const { rows, query } = props;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th className="px-3 py-2">
              <span className="sr-only">Select</span>
            </th>
            <SortHeader label="Customer" sort="name" query={query} />
            <SortHeader label="Cloud" sort="cloud" query={query} />
            <SortHeader label="Hybrid" sort="state" query={query} />
            <SortHeader label="Last run" sort="lastRun" query={query} />
            <th className="px-3 py-2">Agents</th>
            <SortHeader label="Transport certificate" sort="certificate" query={query} />
            <th className="px-3 py-2">EWS / hybrid app</th>
            <SortHeader label="Last health check" sort="lastCheck" query={query} />
            <th className="px-3 py-2">
              <span className="sr-only">Report</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={10} className="px-3 py-6 text-center text-slate-500">
                No customer matches.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr
              key={row.tenantId}
              data-testid="customer-row"
              className={`border-t border-slate-100 align-top ${row.lastCheck?.changed ? "bg-amber-50" : ""}`}
            >
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={`Select ${row.displayName}`}
                  checked={props.selected.has(row.tenantId)}
                  onChange={(event) => props.onSelect(row.tenantId, event.target.checked)}
                />
              </td>
              <td className="px-3 py-2">
                <div className="font-medium">{row.displayName}</div>
                <div className="text-xs text-slate-500">{row.initialDomain}</div>
              </td>
              <td className="px-3 py-2">{CLOUD_LABELS[row.cloud]}</td>
              <td className="px-3 py-2">
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLES[row.hybridState]}`}>
                  {STATE_LABELS[row.hybridState]}
                </span>
              </td>
              <td className="px-3 py-2">
                {row.lastRun ? (
                  <>
                    <div>{row.lastRun.status}</div>
                    <div className="text-xs text-slate-500">
                      {when(row.lastRun.at)}
                      {row.lastRun.by ? ` · ${row.lastRun.by}` : ""}
                    </div>
                  </>
                ) : (
                  <span className="text-slate-500">none</span>
                )}
              </td>
              <td className="px-3 py-2">
                {row.agents.online} online
                {row.agents.offline > 0 && (
                  <span className="text-red-700">, {row.agents.offline} offline</span>
                )}
              </td>
              <td className="px-3 py-2">{certificate(row.transportCertificateExpiresAt)}</td>
              <td className="px-3 py-2">
                <EwsReadinessCell readiness={row.ewsAppReadiness} />
              </td>
              <td className="px-3 py-2">
                {row.lastCheck ? (
                  <>
                    <div className="text-xs text-slate-500">
                      {row.lastCheck.finishedAt ? when(row.lastCheck.finishedAt) : row.lastCheck.status}
                      {row.lastCheck.changed && (
                        <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900">changed</span>
                      )}
                    </div>
                    {row.lastCheck.problems.length === 0 ? (
                      <div className="text-emerald-700">No problems</div>
                    ) : (
                      <ul className="list-disc pl-4 text-red-800">
                        {row.lastCheck.problems.map((problem) => (
                          <li key={problem.id}>{problem.message}</li>
                        ))}
                      </ul>
                    )}
                  </>
                ) : (
                  <span className="text-slate-500">never</span>
                )}
              </td>
              <td className="px-3 py-2">
                <button
                  type="button"
                  className="text-brand-700 underline"
                  onClick={() => props.onReport(row)}
                >
                  Report
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
