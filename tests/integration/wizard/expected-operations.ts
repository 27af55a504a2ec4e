import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { type Answers, parseAnswers } from "@/lib/wizard/answers/answers";
import type { Plan, PlanOperation } from "@/lib/wizard/plan/plan-types";
import type { OrganizationFixture } from "@/simulators/exchange/fixtures/fixture-schema";

// What EXCHANGE.md says the HCW does for an organization, as checks on a plan: the objects by
// their cross-GUID names, their cmdlets and the parameters that matter.

export async function shippedAnswers(fixture: string): Promise<Answers> {
  const file = path.join(import.meta.dirname, "..", "..", "..", "docs", "answers", `${fixture}.json`);
  const parsed = parseAnswers(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.violations)}`);
  return parsed.answers;
}

type Side = PlanOperation["side"];

/** The plan's operation of this cmdlet on this side for this object, which must exist. */
export function operation(plan: Plan, side: Side, cmdlet: string, identity: string): PlanOperation {
  const found = plan.operations.find(
    (candidate) => candidate.side === side && candidate.cmdlet === cmdlet && candidate.identity === identity,
  );
  if (!found) {
    const listed = plan.operations.map(
      (candidate) => `${candidate.side} ${candidate.cmdlet} ${candidate.identity}`,
    );
    throw new Error(`no ${side} ${cmdlet} ${identity} in the plan:\n${listed.join("\n")}`);
  }
  return found;
}

/** A first hybrid run's writes, named and parameterised as the HCW's (EXCHANGE.md). */
export function expectFirstRunOperations(plan: Plan, fixture: OrganizationFixture, answers: Answers): void {
  const g = fixture.tenant.organizationGuid;
  const o = fixture.onPremises.organizationGuid;
  const coexistence = fixture.tenant.initialDomain.replace(/^([^.]+)\./, "$1.mail.");
  const fqdn = answers.organizationFqdn.fqdn;
  const domains = answers.domains.hybridDomains;

  expect(
    operation(plan, "OnPremises", "Set-HybridConfiguration", "Hybrid Configuration").parameters,
  ).toMatchObject({
    Domains: domains,
    OnPremisesSmartHost: fqdn,
  });
  expect(operation(plan, "OnPremises", "New-RemoteDomain", `Hybrid Domain - ${coexistence}`).action).toBe(
    "new",
  );
  expect(operation(plan, "OnPremises", "New-AcceptedDomain", coexistence).parameters).toMatchObject({
    DomainName: coexistence,
  });
  expect(
    operation(plan, "OnPremises", "New-OrganizationRelationship", `On-premises to O365 - ${g}`).parameters,
  ).toMatchObject({
    DomainNames: expect.arrayContaining([coexistence]),
  });
  expect(
    operation(plan, "Online", "New-OrganizationRelationship", `O365 to On-premises - ${o}`).parameters,
  ).toMatchObject({
    DomainNames: expect.arrayContaining(domains),
  });
  expect(
    operation(plan, "OnPremises", "New-SendConnector", `Outbound to Office 365 - ${g}`).parameters,
  ).toMatchObject({
    AddressSpaces: [`smtp:${coexistence};1`],
    Fqdn: fqdn,
    RequireTLS: true,
  });
  expect(operation(plan, "Online", "New-InboundConnector", `Inbound from ${o}`).parameters).toMatchObject({
    ConnectorType: "OnPremises",
    TLSSenderCertificateName: fqdn,
  });
  expect(operation(plan, "Online", "New-OutboundConnector", `Outbound to ${o}`).parameters).toMatchObject({
    SmartHosts: [fqdn],
    RecipientDomains: expect.arrayContaining(domains),
  });
  expect(operation(plan, "Online", "New-OnPremisesOrganization", o).parameters).toMatchObject({
    InboundConnector: `Inbound from ${o}`,
    OutboundConnector: `Outbound to ${o}`,
    OrganizationRelationship: `O365 to On-premises - ${o}`,
  });
}

/** Every string a plan would write, for the host checks of national clouds. */
export function writtenStrings(plan: Plan): string[] {
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const entry of plan.operations) walk(entry.parameters);
  return strings;
}
