import {
  appRoleAssignmentView,
  grantAppRole,
  listAppRoleAssignments,
  revokeAppRole,
} from "../model/app-role-assignments";
import {
  APPLICATION_FILTER_PROPERTIES,
  applicationView,
  createApplication,
  deleteApplication,
  findApplication,
  listApplications,
  updateApplication,
} from "../model/applications";
import {
  DELEGATED_ADMIN_RELATIONSHIP_FILTER_PROPERTIES,
  delegatedAdminRelationships,
} from "../model/delegated-admin-relationships";
import { parseEqualsFilter } from "../model/odata-filter";
import { organizationView } from "../model/seed-graph-tenant";
import {
  createServicePrincipal,
  deleteServicePrincipal,
  findServicePrincipal,
  listServicePrincipals,
  SERVICE_PRINCIPAL_FILTER_PROPERTIES,
  servicePrincipalView,
  updateServicePrincipal,
} from "../model/service-principals";
import {
  APPLICATION_WRITE,
  CONSENT,
  context,
  type GraphRoute,
  ID,
  noContent,
  ok,
  READ_SCOPES,
  selected,
  selectsKeys,
} from "./graph-route";

// The v1.0 routes the simulator serves, each with what the caller needs: one of the delegated
// permissions (`scp`) and, for writes, one of the directory roles (`wids`) Entra requires of a user.

export const GRAPH_ROUTES: GraphRoute[] = [
  {
    name: "GET /organization",
    method: "GET",
    pattern: /^\/v1\.0\/organization$/i,
    scopes: ["Organization.Read.All", "Directory.Read.All"],
    handle: ({ state, url }) =>
      ok({ "@odata.context": context(url, "organization"), value: [selected(organizationView(state), url)] }),
  },
  {
    name: "GET /tenantRelationships/delegatedAdminRelationships",
    method: "GET",
    pattern: /^\/v1\.0\/tenantRelationships\/delegatedAdminRelationships$/i,
    scopes: ["DelegatedAdminRelationship.Read.All", "DelegatedAdminRelationship.ReadWrite.All"],
    handle: ({ state, url, directory }) => {
      const filter = parseEqualsFilter(
        url.searchParams.get("$filter"),
        DELEGATED_ADMIN_RELATIONSHIP_FILTER_PROPERTIES,
      );
      const value = delegatedAdminRelationships(directory, state.tenant.tenantId, filter).map(
        (relationship) => selected(relationship, url),
      );
      return ok({ "@odata.context": context(url, "tenantRelationships/delegatedAdminRelationships"), value });
    },
  },
  {
    name: "GET /applications",
    method: "GET",
    pattern: /^\/v1\.0\/applications$/i,
    scopes: READ_SCOPES,
    handle: ({ state, url }) => {
      const filter = parseEqualsFilter(url.searchParams.get("$filter"), APPLICATION_FILTER_PROPERTIES);
      const value = listApplications(state, filter).map((app) => selected(applicationView(app), url));
      return ok({ "@odata.context": context(url, "applications"), value });
    },
  },
  {
    name: "POST /applications",
    method: "POST",
    pattern: /^\/v1\.0\/applications$/i,
    ...APPLICATION_WRITE,
    handle: ({ state, url, body }) => {
      const created = createApplication(state, body);
      return {
        state: created.state,
        response: {
          status: 201,
          headers: { location: `${url.origin}/v1.0/applications/${created.value.id}` },
          body: { "@odata.context": context(url, "applications/$entity"), ...applicationView(created.value) },
        },
      };
    },
  },
  {
    name: "GET /applications/{id}",
    method: "GET",
    pattern: new RegExp(`^/v1\\.0/applications/${ID}$`, "i"),
    scopes: READ_SCOPES,
    handle: ({ state, url, params }) => {
      const application = findApplication(state, params[0]!);
      const view = applicationView(application, { withKeys: selectsKeys(url) });
      return ok({ "@odata.context": context(url, "applications/$entity"), ...selected(view, url) });
    },
  },
  {
    name: "PATCH /applications/{id}",
    method: "PATCH",
    pattern: new RegExp(`^/v1\\.0/applications/${ID}$`, "i"),
    ...APPLICATION_WRITE,
    handle: ({ state, params, body }) => noContent(updateApplication(state, params[0]!, body).state),
  },
  {
    name: "DELETE /applications/{id}",
    method: "DELETE",
    pattern: new RegExp(`^/v1\\.0/applications/${ID}$`, "i"),
    ...APPLICATION_WRITE,
    handle: ({ state, params }) => noContent(deleteApplication(state, params[0]!)),
  },
  {
    name: "GET /servicePrincipals",
    method: "GET",
    pattern: /^\/v1\.0\/servicePrincipals$/i,
    scopes: READ_SCOPES,
    handle: ({ state, url }) => {
      const filter = parseEqualsFilter(url.searchParams.get("$filter"), SERVICE_PRINCIPAL_FILTER_PROPERTIES);
      const value = listServicePrincipals(state, filter).map((sp) => selected(servicePrincipalView(sp), url));
      return ok({ "@odata.context": context(url, "servicePrincipals"), value });
    },
  },
  {
    name: "POST /servicePrincipals",
    method: "POST",
    pattern: /^\/v1\.0\/servicePrincipals$/i,
    ...APPLICATION_WRITE,
    handle: ({ state, url, body }) => {
      const created = createServicePrincipal(state, body);
      return {
        state: created.state,
        response: {
          status: 201,
          body: {
            "@odata.context": context(url, "servicePrincipals/$entity"),
            ...servicePrincipalView(created.value),
          },
        },
      };
    },
  },
  {
    name: "GET /servicePrincipals/{id}",
    method: "GET",
    pattern: new RegExp(`^/v1\\.0/servicePrincipals/${ID}$`, "i"),
    scopes: READ_SCOPES,
    handle: ({ state, url, params }) => {
      const principal = findServicePrincipal(state, params[0]!);
      const view = servicePrincipalView(principal, { withKeys: selectsKeys(url) });
      return ok({ "@odata.context": context(url, "servicePrincipals/$entity"), ...selected(view, url) });
    },
  },
  {
    name: "PATCH /servicePrincipals/{id}",
    method: "PATCH",
    pattern: new RegExp(`^/v1\\.0/servicePrincipals/${ID}$`, "i"),
    ...APPLICATION_WRITE,
    handle: ({ state, params, body }) => noContent(updateServicePrincipal(state, params[0]!, body).state),
  },
  {
    name: "DELETE /servicePrincipals/{id}",
    method: "DELETE",
    pattern: new RegExp(`^/v1\\.0/servicePrincipals/${ID}$`, "i"),
    ...APPLICATION_WRITE,
    handle: ({ state, params }) => noContent(deleteServicePrincipal(state, params[0]!)),
  },
  {
    name: "GET /servicePrincipals/{id}/appRoleAssignments",
    method: "GET",
    pattern: new RegExp(`^/v1\\.0/servicePrincipals/${ID}/appRoleAssignments$`, "i"),
    scopes: [...READ_SCOPES, "AppRoleAssignment.ReadWrite.All"],
    handle: ({ state, url, params }) =>
      ok({
        "@odata.context": context(url, `servicePrincipals('${params[0]}')/appRoleAssignments`),
        value: listAppRoleAssignments(state, params[0]!).map(appRoleAssignmentView),
      }),
  },
  {
    name: "POST /servicePrincipals/{id}/appRoleAssignments",
    method: "POST",
    pattern: new RegExp(`^/v1\\.0/servicePrincipals/${ID}/appRoleAssignments$`, "i"),
    ...CONSENT,
    handle: ({ state, url, params, body }) => {
      const granted = grantAppRole(state, params[0]!, body);
      return {
        state: granted.state,
        response: {
          status: 201,
          body: {
            "@odata.context": context(url, `servicePrincipals('${params[0]}')/appRoleAssignments/$entity`),
            ...appRoleAssignmentView(granted.value),
          },
        },
      };
    },
  },
  {
    name: "DELETE /servicePrincipals/{id}/appRoleAssignments/{id}",
    method: "DELETE",
    pattern: new RegExp(`^/v1\\.0/servicePrincipals/${ID}/appRoleAssignments/${ID}$`, "i"),
    ...CONSENT,
    handle: ({ state, params }) => noContent(revokeAppRole(state, params[0]!, params[1]!)),
  },
];

/** The route and its parameters, or what Graph says of a path or method it does not serve. */
export function matchRoute(
  method: string,
  pathname: string,
): { route: GraphRoute; params: string[] } | "no-method" | undefined {
  let pathKnown = false;
  for (const route of GRAPH_ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return { route, params: match.slice(1).map(decodeURIComponent) };
  }
  return pathKnown ? "no-method" : undefined;
}
