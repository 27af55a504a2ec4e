import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantAppRole } from "@/lib/graph/app-role-assignments";
import { createApplication, updateApplication } from "@/lib/graph/applications";
import type { GraphConnection } from "@/lib/graph/graph-client";
import { EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP_ROLE_ID } from "@/lib/graph/graph-objects";
import { createServicePrincipal, findServicePrincipalByAppId } from "@/lib/graph/service-principals";
import { gatherHybridApplication } from "@/lib/wizard/gather/gather-hybrid-application";
import { planGraphSide } from "@/lib/wizard/plan/tasks/hybrid-application-graph";
import { createAuthCertificate } from "@/tests/helpers/auth-certificate";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { type GraphScenario, startGraphScenario } from "./graph-scenario";

// Gathering the dedicated hybrid application from the Graph simulator over HTTPS with the admin's
// on-behalf-of Graph token, and the plan's Graph half on what was gathered: everything to create
// at first, nothing once the app, its certificates, its principal and its consent are there.

const ON_PREMISES_GUID = "7d2f4c1e-3b5a-4e6d-9f80-1a2b3c4d5e6f";
const NAME = `ExchangeServerApp-${ON_PREMISES_GUID}`;

let scenario: GraphScenario;
let graph: GraphConnection;

beforeAll(async () => {
  scenario = await startGraphScenario();
  graph = {
    tenant: await scenario.tenantRow(ACCOUNTS.adele),
    accessToken: await scenario.graphTokenOf(ACCOUNTS.adele),
  };
});

afterAll(async () => {
  await scenario?.stop();
});

const thumbprintHex = (base64: string) => Buffer.from(base64, "base64").toString("hex").toUpperCase();

describe("the dedicated hybrid application in Microsoft Graph", () => {
  it("is gathered as absent, then as complete once created, and the plan's Graph half follows", async () => {
    const certificate = await createAuthCertificate();
    const thumbprint = thumbprintHex(certificate.thumbprintBase64);

    const { graph: before, records } = await gatherHybridApplication({
      graph,
      onPremisesGuid: ON_PREMISES_GUID,
    });
    // Each Graph read is a line of the Gathering page, as Exchange's are.
    expect(records.map((record) => [record.side, record.cmdlet, record.objects])).toEqual([
      ["Graph", `Get-MgApplication -Filter "displayName eq '${NAME}'"`, 0],
      ["Graph", `Get-MgServicePrincipal -Filter "appId eq '${EXCHANGE_ONLINE_APP_ID}'"`, 1],
    ]);
    expect(before.application).toBeNull();
    expect(before.servicePrincipal).toBeNull();
    const exchangeOnline = await findServicePrincipalByAppId({ graph, appId: EXCHANGE_ONLINE_APP_ID });
    expect(before.exchangeOnline.id).toBe(exchangeOnline!.id);
    expect(
      planGraphSide(before, NAME, [thumbprint]).operations.map(
        (operation) => `${operation.action} ${operation.cmdlet}`,
      ),
    ).toEqual([
      "new New-MgApplication",
      "new New-MgServicePrincipal",
      "new New-MgServicePrincipalAppRoleAssignment",
    ]);

    // What the update's Graph operations do, through the production client.
    const app = await createApplication({
      graph,
      displayName: NAME,
      requiredResourceAccess: [
        {
          resourceAppId: EXCHANGE_ONLINE_APP_ID,
          resourceAccess: [{ id: FULL_ACCESS_AS_APP_ROLE_ID, type: "Role" }],
        },
      ],
    });
    await updateApplication({
      graph,
      id: app.id,
      keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: certificate.base64 }],
    });
    const principal = await createServicePrincipal({ graph, appId: app.appId });
    await grantAppRole({
      graph,
      principalId: principal.id,
      resourceId: exchangeOnline!.id,
      appRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
      permissionName: "full_access_as_app on Office 365 Exchange Online",
    });

    const { graph: after, records: recordsAfter } = await gatherHybridApplication({
      graph,
      onPremisesGuid: ON_PREMISES_GUID,
    });
    expect(recordsAfter.map((record) => record.cmdlet)).toContain(
      `Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId ${principal.id}`,
    );
    expect(after.application).toMatchObject({ appId: app.appId, displayName: NAME });
    expect(after.servicePrincipal).toEqual({ id: principal.id, appId: app.appId });
    const again = planGraphSide(after, NAME, [thumbprint]);
    expect(again.operations.map((operation) => operation.action)).toEqual(["nop", "nop"]);
    expect(again.appId).toBe(app.appId);

    // A second certificate (the next Auth certificate) is a change to the app, nothing else.
    const next = await createAuthCertificate({ notBefore: new Date(Date.now() + 86_400_000) });
    const withNext = planGraphSide(after, NAME, [thumbprint, thumbprintHex(next.thumbprintBase64)]);
    expect(withNext.operations.map((operation) => `${operation.action} ${operation.cmdlet}`)).toEqual([
      "update Update-MgApplication",
      "nop New-MgServicePrincipalAppRoleAssignment",
    ]);
  });
});
