import { createSimulatedExecutor } from "@/agent/executors/simulated";
import type { ActingContext } from "@/lib/tenants/acting-context";
import type { Answers, AnswerViolation } from "@/lib/wizard/answers/answers";
import { crossCheckAnswers } from "@/lib/wizard/answers/cross-check-answers";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { type GatherResult, gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import type { Plan } from "@/lib/wizard/plan/plan-types";
import type { OrganizationFixture } from "@/simulators/exchange/fixtures/fixture-schema";
import { onPremisesStateFile } from "@/simulators/exchange/fixtures/seed-organization-pair";
import type { DryRunSimulators } from "./dry-run-simulators";
import { executorGatherTransport } from "./executor-gather-transport";

/**
 * Who acts in a dry run: the fixture's tenant and its demo admin. There is no database, so the
 * tenant's own id is made from the fixture's name; nothing here is stored.
 */
export function dryRunActing(fixture: OrganizationFixture, accessToken: string): ActingContext {
  const { tenant } = fixture;
  return {
    tenant: {
      id: `dry-run:${fixture.name}`,
      entraTenantId: tenant.tenantId,
      displayName: tenant.displayName,
      cloud: tenant.cloud,
      initialDomain: tenant.initialDomain,
      mfaPolicy: "Required",
    },
    actor: {
      kind: "user",
      userId: `dry-run:${fixture.name}`,
      homeTenantId: `dry-run:${fixture.name}`,
      objectId: "00000000-0000-0000-0000-000000000000",
      upn: `admin@${tenant.initialDomain}`,
      displayName: "Dry run",
      directoryRoles: ["GlobalAdministrator"],
      mfa: true,
      issuedAt: new Date(),
      lastSignInAt: null,
      accessToken,
      partnerId: null,
    },
    role: "owner",
    sourceAddress: null,
    userAgent: null,
  };
}

/**
 * The dry run's gather, on what the simulators hold now: the same gather as the browser's, with the
 * transports swapped at their boundary — on-premises reads to the agent's `simulated` executor in
 * this process, Exchange Online reads to the simulator over its HTTP API with the admin's token.
 */
export async function gatherFixture(options: {
  simulators: DryRunSimulators;
  fixture: OrganizationFixture;
  accessToken: string;
  /** The admin's Microsoft Graph token, to read the dedicated hybrid application. */
  graphToken?: string;
}): Promise<GatherResult> {
  const { simulators, fixture, accessToken, graphToken } = options;
  const acting = dryRunActing(fixture, accessToken);
  const stateFile = onPremisesStateFile(simulators.exchangeDataDir, fixture.name);
  return gatherOrganization({
    acting,
    onPremises: executorGatherTransport(await createSimulatedExecutor({ stateFile })),
    online: exchangeOnlineGatherTransport({ tenant: acting.tenant, accessToken }),
    ...(graphToken ? { graph: async () => ({ tenant: acting.tenant, accessToken: graphToken }) } : {}),
  });
}

/** The dry run: the fixture seeded, its demo admin signed in, the gather, the answers checked, the plan. */
export async function dryRun(options: {
  simulators: DryRunSimulators;
  fixture: OrganizationFixture;
  answers: Answers;
}): Promise<
  | { gather: GatherResult; plan: Plan; violations?: never }
  | { gather: GatherResult; violations: AnswerViolation[]; plan?: never }
> {
  const { simulators, fixture } = options;
  await simulators.seed(fixture);
  const accessToken = await simulators.signInAdmin(fixture);
  const graphToken = await simulators.signInAdmin(fixture, "graph");
  const gather = await gatherFixture({ simulators, fixture, accessToken, graphToken });
  // The answers must fit this organization (a valid certificate, verified domains…), as the wizard's pages check.
  const violations = crossCheckAnswers({ answers: options.answers, gathered: gather.state, now: new Date() });
  if (violations.length > 0) return { gather, violations };
  const plan = computePlan({
    gathered: gather.state,
    answers: options.answers,
    tenant: {
      cloud: fixture.tenant.cloud,
      tenantInitialDomain: fixture.tenant.initialDomain,
      entraTenantId: fixture.tenant.tenantId,
    },
  });
  return { gather, plan };
}
