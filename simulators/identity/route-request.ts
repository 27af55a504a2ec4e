import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { cloudsAtAddress } from "./clouds";
import type { Directory, Tenant } from "./directory/load-directory";
import { sendHtml, sendJson } from "./http-responses";
import { entraErrorBody } from "./oidc/entra-errors";
import { translateEntraLogout } from "./oidc/entra-logout";
import { translateEntraPrompt } from "./oidc/entra-prompt";
import { TokenRequestTooLarge, translateEntraTokenRequest } from "./oidc/entra-token-request";
import { type RefreshFaults, ZRefreshFaultInputSchema } from "./oidc/refresh-faults";
import { handleInteraction, type SignInState } from "./sign-in/handle-interaction";
import { renderErrorPage } from "./sign-in/pages";

// The front door: finds the tenant and the cloud a request is for, then hands it to the tenant's
// oidc-provider, the sign-in pages, or the JWKS. A tenant is served only on its own cloud's host.

export interface Routes {
  directory: Directory;
  providerFor(tenant: Tenant): { provider: Provider; handle: ReturnType<Provider["callback"]> };
  publicJwks(): unknown;
  rotateSigningKey(): Promise<{ kid: string }>;
  refreshFaults: RefreshFaults;
  signIn: SignInState;
  onError(error: unknown): void;
}

export function createRequestRouter(routes: Routes) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    routeRequest(req, res, routes).catch((error: unknown) => {
      routes.onError(error);
      if (!res.headersSent)
        sendJson(res, 500, { error: "server_error", error_description: "The simulator failed." });
      else res.end();
    });
  };
}

async function routeRequest(req: IncomingMessage, res: ServerResponse, routes: Routes): Promise<void> {
  const url = new URL(req.url ?? "/", "https://simulator.invalid");
  const [tenantSegment = "", ...rest] = url.pathname.split("/").filter(Boolean);

  if (req.method === "POST" && url.pathname === "/admin/rotate-signing-key") {
    return sendJson(res, 200, await routes.rotateSigningKey());
  }
  if (req.method === "POST" && url.pathname === "/admin/refresh-faults") {
    const parsed = ZRefreshFaultInputSchema.safeParse(await readJson(req));
    if (!parsed.success) return sendJson(res, 400, { error: "invalid_request", issues: parsed.error.issues });
    routes.refreshFaults.set(parsed.data);
    return sendJson(res, 200, { refusing: parsed.data });
  }

  const tenant = routes.directory.findTenant(tenantSegment);
  const servedHere = cloudsAtAddress(req.socket.localAddress ?? "");
  if (!tenant || !servedHere.includes(tenant.cloud)) return sendTenantNotFound(req, res, tenantSegment);

  if (rest.join("/") === "discovery/v2.0/keys") {
    return sendJson(res, 200, routes.publicJwks(), { "Access-Control-Allow-Origin": "*" });
  }
  if (rest[0] !== "v2.0") {
    return sendJson(
      res,
      404,
      entraErrorBody({ error: "invalid_request", code: 900561, description: "No such endpoint." }),
    );
  }

  const { provider, handle } = routes.providerFor(tenant);
  if (rest[1] === "interaction") {
    return handleInteraction(req, res, rest.slice(2), {
      provider,
      tenant,
      directory: routes.directory,
      signIn: routes.signIn,
    });
  }

  // Mounted like express would: oidc-provider reads its mount path off originalUrl.
  const mountPath = `/${tenantSegment}/v2.0`;
  const innerPath = url.pathname.slice(mountPath.length) || "/";
  const query =
    innerPath === "/auth"
      ? translateEntraPrompt(url.searchParams)
      : innerPath === "/session/end"
        ? translateEntraLogout(url.searchParams, routes.directory, tenant.cloud)
        : url.searchParams;
  const search = query.size ? `?${query}` : "";
  const request =
    req.method === "POST" && innerPath === "/token" ? await tokenRequest(req, res, tenant, routes) : req;
  if (!request) return;
  Object.assign(request, { originalUrl: `${mountPath}${innerPath}${search}` });
  request.url = `${innerPath}${search}`;
  await handle(request, res);
}

/** The token request in oidc-provider's dialect, or undefined when it was refused here. */
async function tokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  tenant: Tenant,
  routes: Routes,
): Promise<IncomingMessage | undefined> {
  try {
    const { request, grantType } = await translateEntraTokenRequest(req);
    const refused = grantType === "refresh_token" ? routes.refreshFaults.take(tenant.tenantId) : undefined;
    if (!refused) return request;
    sendJson(res, 400, entraErrorBody(refused));
    return undefined;
  } catch (error) {
    if (!(error instanceof TokenRequestTooLarge)) throw error;
    sendJson(
      res,
      413,
      entraErrorBody({
        error: "invalid_request",
        code: 900144,
        description: "The request body is too large.",
      }),
    );
    return undefined;
  }
}

function sendTenantNotFound(req: IncomingMessage, res: ServerResponse, tenantSegment: string): void {
  const description =
    `Tenant '${tenantSegment}' not found. Check the tenant id and that you are signing in to the cloud ` +
    "the tenant belongs to.";
  if (!(req.headers.accept ?? "").includes("text/html")) {
    sendJson(res, 400, entraErrorBody({ error: "invalid_tenant", code: 90002, description }));
    return;
  }
  const message = `AADSTS90002: ${description}`;
  sendHtml(
    res,
    400,
    renderErrorPage({ organization: "Unknown tenant", title: "We couldn't sign you in", message }),
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
  } catch {
    return null;
  }
}
