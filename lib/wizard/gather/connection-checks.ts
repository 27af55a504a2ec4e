import type { ActingTenant } from "@/lib/tenants/acting-context";
import { buildOf, dedicatedAppSupport, formatBuild, productOf } from "./exchange-builds";
import type { ClockSample } from "./gather-transport";
import type { GatheredState } from "./gathered-state";

// What the HCW checks at TestConnections beyond the reads themselves, and a little more, each as a
// line an admin can act on: clock skew, directory synchronization, Exchange builds against the
// features that need them, the servers the transport pages can offer, the coexistence domain.

export type CheckStatus = "ok" | "warning" | "error";

export interface ConnectionCheck {
  id: "clockSkew" | "directorySync" | "exchangeVersions" | "transportServers" | "coexistenceDomain";
  status: CheckStatus;
  message: string;
}

/** Federation tokens are refused beyond this skew (error 1007). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

function clockSkew(clock: ClockSample | undefined): ConnectionCheck {
  if (!clock) {
    return {
      id: "clockSkew",
      status: "warning",
      message: "The agent did not report its clock; clock skew was not checked.",
    };
  }
  const skewMs = clock.remote.getTime() - clock.service.getTime();
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const direction = skewMs > 0 ? "ahead of" : "behind";
  if (Math.abs(skewMs) > MAX_CLOCK_SKEW_MS) {
    return {
      id: "clockSkew",
      status: "error",
      message: `The agent's clock is ${seconds} s ${direction} the service's. Federation fails (error 1007) beyond 5 minutes: synchronise the Exchange servers' time (w32tm /resync) with a reliable source.`,
    };
  }
  return {
    id: "clockSkew",
    status: "ok",
    message: `The agent's clock is within ${seconds} s of the service's.`,
  };
}

function directorySync(online: unknown): ConnectionCheck {
  const running =
    online && typeof online === "object" && "IsDirSyncRunning" in online
      ? online.IsDirSyncRunning
      : undefined;
  if (running === true) {
    return {
      id: "directorySync",
      status: "ok",
      message: "Directory synchronization is enabled for the tenant.",
    };
  }
  return {
    id: "directorySync",
    status: "error",
    message:
      running === false
        ? "Directory synchronization is not enabled for the tenant (IsDirSyncRunning is False). Hybrid needs on-premises users synchronised to Entra ID: install and run Microsoft Entra Connect before moving mailboxes."
        : "Exchange Online did not say whether directory synchronization is enabled (no IsDirSyncRunning in Get-OrganizationConfig).",
  };
}

function exchangeVersions(state: GatheredState): ConnectionCheck {
  const lines: string[] = [];
  let status: CheckStatus = "ok";
  for (const server of state.onPremises.exchangeServers.filter((candidate) => !candidate.IsEdgeServer)) {
    const { build, fromFile } = buildOf(server);
    if (!build) {
      lines.push(`${server.Name}: its version "${server.AdminDisplayVersion}" could not be read.`);
      status = "warning";
      continue;
    }
    const product = productOf(build);
    const support = dedicatedAppSupport(build);
    const source = fromFile ? "ExSetup.exe" : "AdminDisplayVersion, which does not show security updates";
    if (product === "Exchange 2010") {
      lines.push(
        `${server.Name}: ${product} ${formatBuild(build)} — the hybrid needs a federation trust (Exchange 2010 cannot use OAuth), and no dedicated hybrid application.`,
      );
      status = "warning";
    } else if (!support.supported) {
      const need = support.minimum ? ` (needs ${formatBuild(support.minimum)} or later)` : "";
      lines.push(
        `${server.Name}: ${product} ${formatBuild(build)} from ${source} cannot use the dedicated Exchange hybrid application${need}; free/busy, MailTips and photos from on-premises to the cloud stop working without it. Install the latest cumulative and security update.`,
      );
      if (status === "ok") status = "warning";
    } else {
      lines.push(
        `${server.Name}: ${product} ${formatBuild(build)} (${fromFile ? "ExSetup.exe" : "AdminDisplayVersion"}) supports the dedicated hybrid application${product === "Exchange Server SE" ? " and the Microsoft Graph route" : ""}.`,
      );
    }
  }
  return {
    id: "exchangeVersions",
    status,
    message: lines.join(" ") || "No Exchange server other than Edge was found.",
  };
}

function transportServers(state: GatheredState): ConnectionCheck {
  const servers = state.onPremises.exchangeServers;
  const mailbox = servers
    .filter((server) => server.IsMailboxServer && !server.IsEdgeServer)
    .map((server) => server.Name);
  const edge = servers.filter((server) => server.IsEdgeServer).map((server) => server.Name);
  if (mailbox.length === 0) {
    return {
      id: "transportServers",
      status: "error",
      message:
        "No Exchange server holds the Mailbox role, so none can send or receive hybrid mail (HCW8008): install a Mailbox server (2016 or later) first.",
    };
  }
  return {
    id: "transportServers",
    status: "ok",
    message: `Servers the receive and send connector pages offer: ${mailbox.join(", ")}; Edge Transport servers: ${edge.join(", ") || "none"}.`,
  };
}

/** `contoso.onmicrosoft.com` → `contoso.mail.onmicrosoft.com` (and likewise in national clouds). */
export function coexistenceDomainOf(initialDomain: string): string {
  const [prefix, ...rest] = initialDomain.split(".");
  return [prefix, "mail", ...rest].join(".");
}

function coexistenceDomain(
  state: GatheredState,
  tenant: Pick<ActingTenant, "initialDomain">,
): ConnectionCheck {
  const wanted = coexistenceDomainOf(tenant.initialDomain);
  const found = state.online.acceptedDomains.some(
    (domain) => domain.DomainName.toLowerCase() === wanted.toLowerCase(),
  );
  return found
    ? { id: "coexistenceDomain", status: "ok", message: `The coexistence domain ${wanted} is in the tenant.` }
    : {
        id: "coexistenceDomain",
        status: "error",
        message: `The coexistence domain ${wanted} is not an accepted domain of the tenant, and mail to moved mailboxes is routed through it. It is normally created with the tenant: add it back as an accepted domain in Exchange Online, then gather again.`,
      };
}

export function runConnectionChecks(options: {
  state: GatheredState;
  tenant: Pick<ActingTenant, "initialDomain">;
  clock: ClockSample | undefined;
  /** Exchange Online's Get-OrganizationConfig as it came: IsDirSyncRunning is not part of the gathered state. */
  onlineOrganizationConfig: unknown;
}): ConnectionCheck[] {
  return [
    clockSkew(options.clock),
    directorySync(options.onlineOrganizationConfig),
    exchangeVersions(options.state),
    transportServers(options.state),
    coexistenceDomain(options.state, options.tenant),
  ];
}
