"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { SignInPrompt } from "@/components/auth/SignInPrompt";
import type { CustomerRow, CustomersQuery, CustomersResponse } from "@/lib/contracts/partner-dashboard";
import { CustomersTable } from "./CustomersTable";
import { HealthCheckProgress } from "./HealthCheckProgress";
import { HealthSchedulePanel } from "./HealthSchedulePanel";
import { useHealthCheckBatch } from "./use-health-check-batch";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The customers table of the URL's query, health checks of the selected or all customers, the schedule. */
export function PartnerDashboard({ query, queryString }: { query: CustomersQuery; queryString: string }) {
  const { state, api } = useSession();
  const [data, setData] = useState<CustomersResponse>();
  const [problem, setProblem] = useState<string>();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [batchId, setBatchId] = useState<string>();
  const signedIn = state.status === "signed-in";

  const reload = useCallback(async () => {
    try {
      setData(await api.partnerCustomers(queryString));
      setProblem(undefined);
    } catch (error) {
      setProblem(message(error));
    }
  }, [api, queryString]);
  useEffect(() => {
    if (signedIn) void reload();
  }, [signedIn, reload]);
  const { batch, error: batchError } = useHealthCheckBatch(batchId, () => void reload());

  if (!signedIn) return <SignInPrompt state={state} what="see your customers" />;

  const check = async (tenantIds?: string[]) => {
    try {
      setProblem(undefined);
      setBatchId((await api.startHealthChecks(tenantIds ? { tenantIds } : {})).batchId);
    } catch (error) {
      setProblem(`The health check did not start: ${message(error)}`);
    }
  };
  const report = async (row: CustomerRow) => {
    try {
      const url = URL.createObjectURL(await api.customerReport(row.tenantId));
      const link = document.createElement("a");
      link.href = url;
      link.download = `hybrid-health-${row.initialDomain}.html`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(`The report was not made: ${message(error)}`);
    }
  };
  const select = (tenantId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(tenantId);
      else next.delete(tenantId);
      return next;
    });
  const running = batch !== undefined && batch.finished < batch.total;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const pageHref = (page: number) => {
    const params = new URLSearchParams(queryString);
    params.set("page", String(page));
    return `/partner?${params}`;
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={running || !data || data.total === 0}
          onClick={() => void check()}
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          Check all customers
        </button>
        <button
          type="button"
          disabled={running || selected.size === 0}
          onClick={() => void check([...selected])}
          className="rounded border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-700 disabled:opacity-50"
        >
          Check selected ({selected.size})
        </button>
        {data && (
          <span className="text-sm text-slate-600">
            {data.total} customer{data.total === 1 ? "" : "s"} of {data.partner.name}
          </span>
        )}
      </div>
      {[problem, batchError].filter(Boolean).map((text) => (
        <p key={text} role="alert" className="text-sm text-red-700">
          {text}
        </p>
      ))}
      {batch && <HealthCheckProgress batch={batch} />}
      {data && (
        <CustomersTable
          rows={data.customers}
          query={query}
          selected={selected}
          onSelect={select}
          onReport={report}
        />
      )}
      {pages > 1 && data && (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {data.page > 1 && <Link href={pageHref(data.page - 1)}>Previous</Link>}
          <span>
            Page {data.page} of {pages}
          </span>
          {data.page < pages && <Link href={pageHref(data.page + 1)}>Next</Link>}
        </nav>
      )}
      <HealthSchedulePanel />
    </div>
  );
}
