"use client";

import { type FormEvent, useEffect, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import type { HealthSchedule } from "@/lib/contracts/partner-dashboard";

const HOURS = Array.from({ length: 24 }, (_, hour) => `${String(hour).padStart(2, "0")}:00`);

/** The daily scheduled checks, where their alerts go, and "sign in again" when the schedule waits for it. */
export function HealthSchedulePanel() {
  const { api } = useSession();
  const [schedule, setSchedule] = useState<HealthSchedule | null>();
  const [secret, setSecret] = useState<string>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    api.healthSchedule().then(
      (answer) => setSchedule(answer.schedule),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, [api]);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || null;
    try {
      const answer = await api.setHealthSchedule({
        hourUtc: Number(form.get("hourUtc")),
        alertEmail: text("alertEmail"),
        webhookUrl: text("webhookUrl"),
      });
      setSchedule(answer.schedule);
      setSecret(answer.schedule?.webhookSecret);
      setProblem(undefined);
    } catch (error) {
      setProblem(`The schedule was not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (schedule === undefined) return null;
  const hour = schedule ? Number(schedule.cron.split(" ")[1]) : 6;

  return (
    <section aria-labelledby="health-schedule" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="health-schedule" className="font-semibold text-brand-900">
        Scheduled health checks
      </h2>
      {schedule?.needsSignIn && (
        <p role="alert" className="mt-2 rounded bg-amber-100 p-2 text-sm text-amber-900">
          {schedule.needsSignIn}
        </p>
      )}
      <p className="mt-1 text-sm text-slate-600">
        {schedule
          ? `Every customer is checked daily, acting as ${schedule.setBy}.${schedule.lastRunAt ? ` Last run ${new Date(schedule.lastRunAt).toLocaleString()}.` : ""}`
          : "Not set up: checks run only when started here."}{" "}
        Alerts go out when a scheduled check finds a problem or a change.
      </p>
      <form onSubmit={(event) => void save(event)} className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">Daily at (UTC)</span>
          <select name="hourUtc" defaultValue={hour} className="rounded border border-slate-300 px-2 py-1">
            {HOURS.map((label, value) => (
              <option key={label} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">Alert email</span>
          <input
            name="alertEmail"
            type="email"
            defaultValue={schedule?.alertEmail ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">Webhook URL</span>
          <input
            name="webhookUrl"
            type="url"
            defaultValue={schedule?.webhookUrl ?? ""}
            className="w-72 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded bg-brand-700 px-3 py-1 font-medium text-white">
          {schedule ? "Save (acts as you)" : "Set up"}
        </button>
      </form>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      )}
      {secret && (
        <p className="mt-2 text-sm">
          The webhook's signing key, shown this once (bodies are signed as{" "}
          <code>X-Hybrid-Wizard-Signature: sha256=HMAC</code>): <code className="break-all">{secret}</code>
        </p>
      )}
    </section>
  );
}
