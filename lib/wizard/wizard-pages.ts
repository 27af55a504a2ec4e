import type { Answers } from "@/lib/wizard/answers/answers";

// The wizard's pages, in the order of Microsoft's Hybrid Configuration Wizard, so an admin who
// knows the HCW finds their way. `answers` is the page's key in a run's answers (and in the
// answers file, docs/ANSWERS.md); pages that only show or do something have none. Browser-safe:
// nothing here but data and a pure function.

export const WIZARD_PAGES = [
  { id: "environment", title: "On-premises Exchange Server Organization", answers: "environment" },
  { id: "credentials", title: "Credentials", answers: "credentials" },
  { id: "configuration", title: "Gathering configuration", answers: null },
  { id: "features", title: "Hybrid Features", answers: "features" },
  { id: "topology", title: "Hybrid Topology", answers: "topology" },
  { id: "migration-credential", title: "Migration Credential", answers: "migrationCredential" },
  { id: "domains", title: "Hybrid Domains", answers: "domains" },
  { id: "domain-ownership", title: "Domain Ownership", answers: "domainOwnership" },
  { id: "transport", title: "Hybrid Configuration", answers: "transport" },
  { id: "receive-connectors", title: "Receive Connector Servers", answers: "receiveConnectors" },
  { id: "send-connectors", title: "Send Connector Servers", answers: "sendConnectors" },
  { id: "certificate", title: "Transport Certificate", answers: "certificate" },
  { id: "organization-fqdn", title: "Organization FQDN", answers: "organizationFqdn" },
  { id: "review", title: "Review the plan", answers: null },
  { id: "update", title: "Update", answers: null },
  { id: "done", title: "Done", answers: null },
] as const satisfies ReadonlyArray<{ id: string; title: string; answers: keyof Answers | null }>;

export type WizardPage = (typeof WIZARD_PAGES)[number];
export type WizardPageId = WizardPage["id"];
/** A page whose answers a run keeps. */
export type AnswerPage = Extract<WizardPage, { answers: keyof Answers }>;
export type AnswerPageId = AnswerPage["id"];

const isAnswerPage = (page: WizardPage): page is AnswerPage => page.answers !== null;

export const WIZARD_PAGE_IDS: WizardPageId[] = WIZARD_PAGES.map((page) => page.id);
export const ANSWER_PAGE_IDS: AnswerPageId[] = WIZARD_PAGES.filter(isAnswerPage).map((page) => page.id);

export function isAnswerPageId(id: WizardPageId): id is AnswerPageId {
  return (ANSWER_PAGE_IDS as WizardPageId[]).includes(id);
}

export function pageTitle(id: WizardPageId): string {
  return WIZARD_PAGES.find((page) => page.id === id)?.title ?? id;
}

/** Where a new run starts. */
export const FIRST_PAGE: WizardPageId = "environment";

/** Where a page's answers sit in a run's answers. */
export function answersKeyOf(id: AnswerPageId): AnswerPage["answers"] {
  const page = WIZARD_PAGES.filter(isAnswerPage).find((candidate) => candidate.id === id);
  if (!page) throw new Error(`${id} is not a page with answers`);
  return page.answers;
}

/** What decides the skips: the answers so far, and what gathering found. */
export interface PageConditions {
  /** The Hybrid Features page's answers, once saved. */
  features: Pick<Answers["features"], "hybrid" | "migrationEndpoint"> | undefined;
  /** Whether the organization runs Exchange 2010, once gathered; null before. */
  exchange2010: boolean | null;
}

/**
 * The pages the HCW leaves out given what is known so far, each with why. A page is skipped only
 * once it is known not to be needed, so an undecided one stays in the list. Domain ownership
 * follows the planner's rule (lib/wizard/plan/plan-context.ts): a federation trust is made for
 * full hybrid with Exchange 2010 in the organization.
 */
export function skippedPages(conditions: PageConditions): Map<WizardPageId, string> {
  const skipped = new Map<WizardPageId, string>();
  const { features, exchange2010 } = conditions;
  if (features?.migrationEndpoint === false) {
    skipped.set("migration-credential", "the migration endpoint is not chosen on Hybrid Features");
  }
  if (features?.hybrid === "minimal") {
    skipped.set("domain-ownership", "minimal hybrid needs no federation trust");
  } else if (exchange2010 === false) {
    skipped.set("domain-ownership", "without Exchange 2010 the organization needs no federation trust");
  }
  return skipped;
}
