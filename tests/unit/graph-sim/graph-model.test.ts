import { beforeAll, describe, expect, it } from "vitest";
import {
  grantAppRole,
  listAppRoleAssignments,
  revokeAppRole,
} from "@/simulators/graph/model/app-role-assignments";
import {
  applicationView,
  createApplication,
  deleteApplication,
  listApplications,
  updateApplication,
} from "@/simulators/graph/model/applications";
import {
  EXCHANGE_ONLINE_APP_ID,
  FULL_ACCESS_AS_APP_ROLE_ID,
} from "@/simulators/graph/model/first-party-principals";
import { GraphError } from "@/simulators/graph/model/graph-error";
import { createGraphFault, takeGraphFault } from "@/simulators/graph/model/graph-faults";
import type { GraphTenantState } from "@/simulators/graph/model/graph-state";
import { parseEqualsFilter } from "@/simulators/graph/model/odata-filter";
import { seedGraphTenant } from "@/simulators/graph/model/seed-graph-tenant";
import { createServicePrincipal, listServicePrincipals } from "@/simulators/graph/model/service-principals";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";
import { createAuthCertificate, type TestCertificate } from "@/tests/helpers/auth-certificate";

// The simulated Graph's rules over one tenant's objects, without HTTP: what a client may write and
// what Graph refuses, in its codes.

let contoso: GraphTenantState;
let current: TestCertificate;
let next: TestCertificate;

beforeAll(async () => {
  const directory = await loadDirectory();
  contoso = seedGraphTenant(directory.findTenant("contoso.onmicrosoft.com")!);
  current = await createAuthCertificate();
  next = await createAuthCertificate({ notBefore: new Date(Date.now() + 30 * 86_400_000) });
});

function refusal(action: () => unknown): GraphError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  }
  throw new Error("expected Graph to refuse");
}

const hybridApp = (state: GraphTenantState) =>
  createApplication(state, {
    displayName: "ExchangeServerApp-5b2de0bc-75c7-4d17-9f3c-7470d80b3c52",
    requiredResourceAccess: [
      {
        resourceAppId: EXCHANGE_ONLINE_APP_ID,
        resourceAccess: [{ id: FULL_ACCESS_AS_APP_ROLE_ID, type: "Role" }],
      },
    ],
  });

const certificate = (cert: TestCertificate) => ({
  type: "AsymmetricX509Cert",
  usage: "Verify",
  key: cert.base64,
});

describe("a seeded tenant", () => {
  it("has Office 365 Exchange Online's principal with full_access_as_app, and nothing of its own", () => {
    expect(contoso.applications).toEqual([]);
    const [exchange] = listServicePrincipals(contoso, { property: "appId", value: EXCHANGE_ONLINE_APP_ID });
    expect(exchange).toMatchObject({
      displayName: "Office 365 Exchange Online",
      appOwnerOrganizationId: "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
    });
    expect(exchange!.appRoles).toContainEqual(
      expect.objectContaining({
        id: FULL_ACCESS_AS_APP_ROLE_ID,
        value: "full_access_as_app",
        allowedMemberTypes: ["Application"],
      }),
    );
  });
});

describe("applications", () => {
  it("are found by display name (any case, quotes escaped) and by appId", () => {
    const { state, value } = hybridApp(contoso);
    const byName = parseEqualsFilter(`displayName eq '${value.displayName.toUpperCase()}'`, [
      "displayName",
      "appId",
    ]);
    expect(listApplications(state, byName).map((app) => app.id)).toEqual([value.id]);
    expect(
      listApplications(state, parseEqualsFilter(`appId eq '${value.appId}'`, ["displayName", "appId"])),
    ).toHaveLength(1);
    const quoted = createApplication(state, { displayName: "O'Brien's app" });
    expect(
      listApplications(quoted.state, parseEqualsFilter("displayName eq 'O''Brien''s app'", ["displayName"])),
    ).toEqual([quoted.value]);
    expect(value).toMatchObject({
      publisherDomain: "contoso.onmicrosoft.com",
      signInAudience: "AzureADMyOrg",
    });
  });

  it("refuse a filter Graph would not run, and a property the resource does not have", () => {
    expect(refusal(() => parseEqualsFilter("startswith(displayName,'Ex')", ["displayName"]))).toMatchObject({
      status: 400,
      code: "Request_UnsupportedQuery",
    });
    expect(refusal(() => createApplication(contoso, { displayName: "x", color: "blue" }))).toMatchObject({
      status: 400,
      code: "Request_BadRequest",
      message: "Property 'color' does not exist on type 'microsoft.graph.application'.",
    });
    expect(refusal(() => createApplication(contoso, {})).message).toMatch(/'displayName'/);
  });

  it("replace keyCredentials whole, reading dates and thumbprint from each certificate", () => {
    const { state, value } = hybridApp(contoso);
    const both = updateApplication(state, value.id, {
      keyCredentials: [certificate(current), certificate(next)],
    });
    expect(both.value.keyCredentials).toEqual([
      expect.objectContaining({
        customKeyIdentifier: current.thumbprintBase64,
        displayName: "CN=Microsoft Exchange Server Auth Certificate",
        type: "AsymmetricX509Cert",
        usage: "Verify",
      }),
      expect.objectContaining({ customKeyIdentifier: next.thumbprintBase64 }),
    ]);
    expect(new Date(both.value.keyCredentials[1]!.startDateTime).getTime()).toBeCloseTo(
      next.notBefore.getTime(),
      -4,
    );
    // The collection a client sends is the collection: the one left out is gone.
    const kept = both.value.keyCredentials[1]!;
    const one = updateApplication(both.state, value.id, {
      keyCredentials: [{ ...certificate(next), keyId: kept.keyId }],
    });
    expect(one.value.keyCredentials.map((key) => key.keyId)).toEqual([kept.keyId]);
    // Lists show no certificate material.
    expect(applicationView(one.value).keyCredentials[0]!.key).toBeNull();
    expect(applicationView(one.value, { withKeys: true }).keyCredentials[0]!.key).toBe(next.base64);
  });

  it("refuse a key that is no certificate, dates beyond it, and one keyId twice", () => {
    const { state, value } = hybridApp(contoso);
    const patch = (keyCredentials: unknown[]) => () => updateApplication(state, value.id, { keyCredentials });
    expect(refusal(patch([{ ...certificate(current), key: "bm90IGEgY2VydA==" }])).message).toMatch(
      /X\.509 certificate/,
    );
    const after = new Date(current.notAfter.getTime() + 86_400_000).toISOString();
    expect(refusal(patch([{ ...certificate(current), endDateTime: after }])).message).toMatch(/validity/);
    const keyId = "6b1f5e0c-2a3d-4c5e-8f70-9a1b2c3d4e5f";
    expect(
      refusal(
        patch([
          { ...certificate(current), keyId },
          { ...certificate(next), keyId },
        ]),
      ).message,
    ).toMatch(/appears more than once/);
  });
});

describe("service principals and admin consent", () => {
  it("grant full_access_as_app once, and deleting the application takes the grant with it", () => {
    const app = hybridApp(contoso);
    const principal = createServicePrincipal(app.state, { appId: app.value.appId });
    expect(principal.value).toMatchObject({
      displayName: app.value.displayName,
      appOwnerOrganizationId: contoso.tenant.tenantId,
    });
    const [exchange] = listServicePrincipals(principal.state, {
      property: "appId",
      value: EXCHANGE_ONLINE_APP_ID,
    });
    const request = {
      principalId: principal.value.id,
      resourceId: exchange!.id,
      appRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
    };
    const granted = grantAppRole(principal.state, principal.value.id, request);
    expect(granted.value).toMatchObject({
      ...request,
      resourceDisplayName: "Office 365 Exchange Online",
      principalType: "ServicePrincipal",
    });
    expect(listAppRoleAssignments(granted.state, principal.value.id)).toEqual([granted.value]);
    expect(refusal(() => grantAppRole(granted.state, principal.value.id, request)).message).toBe(
      "Permission being assigned already exists on the object",
    );

    const revoked = revokeAppRole(granted.state, principal.value.id, granted.value.id);
    expect(listAppRoleAssignments(revoked, principal.value.id)).toEqual([]);
    const deleted = deleteApplication(granted.state, app.value.id);
    expect(deleted.servicePrincipals.map((sp) => sp.appId)).toEqual([EXCHANGE_ONLINE_APP_ID]);
    expect(deleted.appRoleAssignments).toEqual([]);
  });

  it("refuse a principal for no application, a second one, a role the resource lacks, another's grant", () => {
    const app = hybridApp(contoso);
    expect(
      refusal(() => createServicePrincipal(app.state, { appId: "0b9f4c1e-7d2a-4e6b-9c3f-1a2b3c4d5e6f" })),
    ).toMatchObject({
      status: 400,
    });
    const principal = createServicePrincipal(app.state, { appId: app.value.appId });
    expect(refusal(() => createServicePrincipal(principal.state, { appId: app.value.appId }))).toMatchObject({
      status: 409,
      code: "Request_MultipleObjectsWithSameKeyValue",
    });
    const [exchange] = listServicePrincipals(principal.state, {
      property: "appId",
      value: EXCHANGE_ONLINE_APP_ID,
    });
    const grant = (appRoleId: string, principalId = principal.value.id) =>
      refusal(() =>
        grantAppRole(principal.state, principal.value.id, {
          principalId,
          resourceId: exchange!.id,
          appRoleId,
        }),
      );
    expect(grant("11111111-2222-4333-8444-555555555555").message).toMatch(
      /not found on application '00000002-0000-0ff1-ce00-000000000000'/,
    );
    expect(grant(FULL_ACCESS_AS_APP_ROLE_ID, exchange!.id).message).toMatch(/^principalId must be/);
    expect(refusal(() => revokeAppRole(principal.state, principal.value.id, "nope"))).toMatchObject({
      status: 404,
      code: "Request_ResourceNotFound",
    });
  });
});

describe("faults", () => {
  it("apply to their route or every route, and count down", () => {
    const once = createGraphFault({
      route: "POST /servicePrincipals/{id}/appRoleAssignments",
      kind: "error",
      times: 1,
    });
    const always = createGraphFault({ route: "*", kind: "latency", latencyMs: 10 });
    expect(once.error).toBeUndefined();
    const first = takeGraphFault([once, always], "post /servicePrincipals/{id}/appRoleAssignments");
    expect(first.fault?.id).toBe(once.id);
    expect(first.remaining).toEqual([always]);
    expect(takeGraphFault(first.remaining, "GET /organization").fault?.id).toBe(always.id);
  });
});
