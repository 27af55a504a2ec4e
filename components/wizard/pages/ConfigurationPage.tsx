"use client";

import { EventSourceParserStream } from "eventsource-parser/stream";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSession } from "@/components/auth/SessionProvider";
import { PageActions } from "@/components/wizard/run/PageActions";
import { useWizardRun } from "@/components/wizard/run/WizardRunProvider";
import { type GatherReadRecord, ZGatherEventSchema } from "@/lib/contracts/wizard-gather";
import { EwsReadiness } from "./EwsReadiness";

const SIDES = { OnPremises: "On-premises", Online: "Exchange Online", Graph: "Microsoft Graph" } as const;
const CHECK_WORDS = { ok: "OK", warning: "Warning", error: "Error" } as const;

/**
 * The HCW's Gathering configuration: both sides read in parallel, each read listed as it lands
 * with its result and time, then the connection checks. The result is kept with the run; coming
 * back shows it, and Gather again reads both sides anew.
 */
export default function ConfigurationPage() {
  const { api } = useSession();
  const { run, gathered, setGathered, neighbour, goTo } = useWizardRun();
  const [reads, setReads] = useState<GatherReadRecord[]>(gathered?.records ?? []);
  const [gathering, setGathering] = useState(false);
  const [problem, setProblem] = useState<string>();
  const started = useRef(false);

  const gather = useCallback(async () => {
    setGathering(true);
    setProblem(undefined);
    setReads([]);
    try {
      const events = (await api.gatherRun(run.id, new AbortController().signal))
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (let next = await events.read(); !next.done; next = await events.read()) {
        const parsed = ZGatherEventSchema.safeParse({
          event: next.value.event,
          data: JSON.parse(next.value.data),
        });
        if (!parsed.success) continue;
        const event = parsed.data;
        if (event.event === "read") setReads((shown) => [...shown, event.data]);
        else if (event.event === "gathered") {
          setReads(event.data.records);
          setGathered(event.data);
        } else setProblem(event.data.message);
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setGathering(false);
    }
  }, [api, run.id, setGathered]);

  useEffect(() => {
    if (started.current || gathered) return;
    started.current = true;
    void gather();
  }, [gather, gathered]);

  const next = neighbour("configuration", 1);
  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-slate-600">
        Both sides are read at once: your Exchange organization through the agent, and Exchange Online as you.
        Nothing is changed.
      </p>
      <p aria-live="polite" className="font-medium text-slate-800">
        {gathering
          ? `Gathering… ${reads.length} reads done`
          : gathered
            ? `Gathered ${new Date(gathered.gatheredAt).toLocaleString()} in ${(gathered.durationMs / 1000).toFixed(1)} s`
            : ""}
      </p>
      <table className="w-full text-left text-sm" data-testid="gather-reads">
        <caption className="sr-only">Each read, its result and its time</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th className="px-3 py-1">Side</th>
            <th className="px-3 py-1">Cmdlet</th>
            <th className="px-3 py-1">Result</th>
            <th className="px-3 py-1">Time</th>
          </tr>
        </thead>
        <tbody>
          {reads.map((read) => (
            <tr
              key={`${read.side}-${read.cmdlet}-${read.server ?? ""}`}
              className="border-t border-slate-100"
            >
              <td className="px-3 py-1">{SIDES[read.side]}</td>
              <td className="px-3 py-1 font-mono">
                {read.cmdlet}
                {read.server ? ` -Server ${read.server}` : ""}
              </td>
              <td className={`px-3 py-1 ${read.error ? "text-red-700" : ""}`}>
                {read.error ?? `${read.objects} object${read.objects === 1 ? "" : "s"}`}
                {read.warnings.map((warning) => (
                  <span key={warning} className="block text-amber-800">
                    {warning}
                  </span>
                ))}
              </td>
              <td className="px-3 py-1">{read.durationMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
      {gathered && (
        <section aria-labelledby="checks-heading">
          <h2 id="checks-heading" className="font-semibold text-slate-800">
            Connection checks
          </h2>
          <ul className="mt-2 space-y-2 text-sm" data-testid="gather-checks">
            {gathered.checks.map((check) => (
              <li key={check.id}>
                <span
                  className={
                    check.status === "ok"
                      ? "font-semibold text-green-800"
                      : check.status === "warning"
                        ? "font-semibold text-amber-800"
                        : "font-semibold text-red-700"
                  }
                >
                  {CHECK_WORDS[check.status]}:
                </span>{" "}
                {check.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {gathered && <EwsReadiness readiness={gathered.ewsReadiness} />}
      {problem && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {problem}
        </p>
      )}
      {!gathering && (problem || gathered) && (
        <button
          type="button"
          onClick={() => void gather()}
          className="rounded border border-slate-300 px-4 py-1"
        >
          Gather again
        </button>
      )}
      <PageActions
        page="configuration"
        nextDisabled={gathering || !gathered || !next}
        onNext={() => next && void goTo(next)}
      />
    </div>
  );
}
