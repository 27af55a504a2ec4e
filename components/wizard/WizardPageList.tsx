import { WIZARD_PAGES, type WizardPageId } from "@/lib/wizard/wizard-pages";

/** The wizard's pages in order, the current one marked, as the HCW lists them. */
export function WizardPageList({
  current,
  skipped,
}: {
  current: WizardPageId;
  skipped?: ReadonlyMap<WizardPageId, string> | undefined;
}) {
  const currentIndex = WIZARD_PAGES.findIndex((page) => page.id === current);
  return (
    <ol className="space-y-1 text-sm" aria-label="Wizard pages">
      {WIZARD_PAGES.map((page, index) => (
        <li
          key={page.id}
          // ARIA's own word for the current one of a process's pages is "step".
          aria-current={index === currentIndex ? "step" : undefined}
          className={
            index === currentIndex
              ? "rounded bg-brand-50 px-3 py-1 font-semibold text-brand-900"
              : index < currentIndex
                ? "px-3 py-1 text-slate-700"
                : "px-3 py-1 text-slate-500"
          }
        >
          {page.title}
          {skipped?.has(page.id) && <span className="text-xs"> (skipped: {skipped.get(page.id)})</span>}
        </li>
      ))}
    </ol>
  );
}
