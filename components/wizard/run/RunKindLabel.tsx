import Link from "next/link";
import type { WizardRunSummary } from "@/lib/contracts/wizard-runs";

const KIND_WORDS: Record<WizardRunSummary["kind"], string> = {
  wizard: "Wizard",
  undo: "Undo",
  certificate: "Transport certificate replacement",
};
/** How a linked run names the run it starts from. */
const SOURCE_WORD = { undo: "of", certificate: "for" } as const;

/**
 * What a run is, in words: the wizard's own run; the undo of another run; or the replacement of
 * the transport certificate (a short run of its own), each linked to the run it starts from.
 */
export function RunKindLabel({ run }: { run: Pick<WizardRunSummary, "kind" | "source"> }) {
  const { kind, source } = run;
  if (kind === "wizard" || !source) return <>{KIND_WORDS[kind]}</>;
  return (
    <>
      {KIND_WORDS[kind]} {SOURCE_WORD[kind]}{" "}
      <Link href={`/wizard/${source.id}/${source.currentPage}`} className="text-brand-700 underline">
        the run started {new Date(source.createdAt).toLocaleString()}
      </Link>
    </>
  );
}
