import type { CustomersQuery } from "@/lib/contracts/partner-dashboard";
import { CLOUD_LABELS, STATE_LABELS } from "./labels";

/** Search and filters as a plain GET form: the server does the work, no script needed. */
export function CustomersFilter({ query }: { query: CustomersQuery }) {
  return (
    <form method="get" action="/partner" className="flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col">
        <span className="text-slate-600">Search</span>
        <input
          type="search"
          name="q"
          defaultValue={query.q ?? ""}
          placeholder="Name or domain"
          className="rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <label className="flex flex-col">
        <span className="text-slate-600">Cloud</span>
        <select
          name="cloud"
          defaultValue={query.cloud ?? ""}
          className="rounded border border-slate-300 px-2 py-1"
        >
          <option value="">All clouds</option>
          {Object.entries(CLOUD_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-slate-600">Hybrid state</span>
        <select
          name="state"
          defaultValue={query.state ?? ""}
          className="rounded border border-slate-300 px-2 py-1"
        >
          <option value="">Any state</option>
          {Object.entries(STATE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1 pb-1">
        <input type="checkbox" name="problems" value="1" defaultChecked={query.problems === "1"} />
        <span>Only with problems</span>
      </label>
      {query.sort && <input type="hidden" name="sort" value={query.sort} />}
      {query.order && <input type="hidden" name="order" value={query.order} />}
      <button type="submit" className="rounded bg-brand-700 px-3 py-1 font-medium text-white">
        Show
      </button>
    </form>
  );
}
