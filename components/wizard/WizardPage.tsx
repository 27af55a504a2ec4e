import type { ReactNode } from "react";
import type { WizardPageId } from "@/lib/wizard/wizard-pages";
import { WizardPageList } from "./WizardPageList";

/** The frame of every wizard page: the list of pages on the left, the current one on the right. */
export function WizardPage({
  current,
  title,
  skipped,
  children,
}: {
  current: WizardPageId;
  title: string;
  /** Pages the run leaves out, with why. */
  skipped?: ReadonlyMap<WizardPageId, string>;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-8 md:grid-cols-[16rem_1fr]">
      <aside>
        <WizardPageList current={current} skipped={skipped} />
      </aside>
      <div>
        <h1 className="mb-4 text-2xl font-semibold text-brand-900">{title}</h1>
        {children}
      </div>
    </div>
  );
}
