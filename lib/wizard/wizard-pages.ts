// The wizard's pages, in the order of Microsoft's Hybrid Configuration Wizard, so an admin who
// knows the HCW finds their way.
export const WIZARD_PAGES = [
  { id: "environment", title: "On-premises Exchange Server Organization" },
  { id: "credentials", title: "Credentials" },
  { id: "configuration", title: "Gathering configuration" },
  { id: "features", title: "Hybrid Features" },
  { id: "domains", title: "Hybrid Domains" },
  { id: "domain-ownership", title: "Domain Ownership" },
  { id: "transport", title: "Hybrid Configuration" },
  { id: "connectors", title: "Receive and Send Connectors" },
  { id: "certificate", title: "Transport Certificate" },
  { id: "organization-fqdn", title: "Organization FQDN" },
  { id: "review", title: "Review the plan" },
  { id: "update", title: "Update" },
] as const;

export type WizardPageId = (typeof WIZARD_PAGES)[number]["id"];
