"use client";

import type { HealthCheckBatch } from "@/lib/contracts/partner-dashboard";

/** The progress bar of a batch of health checks, and each customer's result as it lands. */
export function HealthCheckProgress({ batch }: { batch: HealthCheckBatch }) {
  const done = batch.finished >= batch.total;
  return (
    <section
      aria-labelledby="health-check-progress"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="health-check-progress" className="font-semibold text-brand-900">
        {done ? "Health check finished" : "Health check running"}
      </h2>
      <progress
        className="mt-2 h-3 w-full"
        max={batch.total}
        value={batch.finished}
        aria-label={`${batch.finished} of ${batch.total} customers checked`}
      />
      <p className="text-sm text-slate-600">
        {batch.finished} of {batch.total} customers checked
      </p>
      <ul className="mt-2 space-y-1 text-sm">
        {batch.checks.map((check) => (
          <li key={check.id} data-testid="health-check-result" className="flex gap-2">
            <span className="font-medium">{check.displayName}</span>
            <span>
              {check.status === "queued" || check.status === "running"
                ? "checking…"
                : check.error
                  ? `could not be checked: ${check.error}`
                  : check.problems.length === 0
                    ? "no problems"
                    : `${check.problems.length} problem${check.problems.length === 1 ? "" : "s"}`}
            </span>
            {check.changed && <span className="rounded bg-amber-100 px-1 text-amber-900">changed</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
