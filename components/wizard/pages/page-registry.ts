"use client";

import dynamic from "next/dynamic";
import type { ComponentType } from "react";
import type { WizardPageId } from "@/lib/wizard/wizard-pages";

// One component per wizard page, each loaded only when its page is shown, so a page ships its own
// code and no other page's. A page id without an entry is a 404 (its page is not built yet: Review
// and Update register here as they land). Each gets the run's id; the run itself, its gather, Next
// and Back come from useWizardRun().

export interface WizardPageProps {
  runId: string;
}

const lazy = (load: () => Promise<{ default: ComponentType<WizardPageProps> }>) =>
  dynamic(load, { ssr: false });

export const PAGE_COMPONENTS: Partial<Record<WizardPageId, ComponentType<WizardPageProps>>> = {
  environment: lazy(() => import("./EnvironmentPage")),
  credentials: lazy(() => import("./CredentialsPage")),
  configuration: lazy(() => import("./ConfigurationPage")),
  features: lazy(() => import("./FeaturesPage")),
  topology: lazy(() => import("./TopologyPage")),
  "migration-credential": lazy(() => import("./MigrationCredentialPage")),
  domains: lazy(() => import("./DomainsPage")),
  "domain-ownership": lazy(() => import("./DomainOwnershipPage")),
  transport: lazy(() => import("./TransportPage")),
  "receive-connectors": lazy(() => import("./ReceiveConnectorsPage")),
  "send-connectors": lazy(() => import("./SendConnectorsPage")),
  certificate: lazy(() => import("./CertificatePage")),
  "organization-fqdn": lazy(() => import("./OrganizationFqdnPage")),
  review: lazy(() => import("./ReviewPage")),
  update: lazy(() => import("./UpdatePage")),
  done: lazy(() => import("./DonePage").then((page) => ({ default: page.DonePage }))),
};
