/**
 * Microsoft's Hybrid Configuration Wizard names its failures (HCW8078, HCW8064, …), and admins
 * search for those codes. Each entry says when an Exchange error is that failure and what fixes
 * it, in the admin's words. Plain data, so the browser can show it too.
 */

/** What went wrong, as much as the service knows of it. */
export interface ExchangeFailure {
  side: "onPremises" | "exchangeOnline" | "graph";
  cmdlet: string;
  message: string;
  /** PowerShell's CategoryInfo.Category, e.g. `ResourceExists`. */
  category?: string;
  /** True when the transport failed underneath the cmdlet (a dropped remote PowerShell session). */
  transient?: boolean;
  httpStatus?: number;
}

export interface HcwFailure {
  /** The HCW's code(s) for this failure, as Microsoft's articles name them; none when it has none. */
  codes: readonly string[];
  title: string;
  fix: string;
  /** Whether running the same operation again is likely to work without changing anything. */
  retryable: boolean;
  matches: (failure: ExchangeFailure) => boolean;
}

const said = (failure: ExchangeFailure, pattern: RegExp) => pattern.test(failure.message);
const cmdletIs = (failure: ExchangeFailure, nouns: RegExp) =>
  nouns.test(failure.cmdlet.replace(/^[A-Za-z]+-/, ""));

// Order matters: the first entry that matches wins, so the specific ones come before the broad ones.
export const HCW_FAILURES: readonly HcwFailure[] = [
  {
    codes: ["429"],
    title: "Exchange Online is throttling the requests",
    fix: "Nothing to change: wait for the time Exchange Online asked for (Rate-Limit-Reset), then retry.",
    retryable: true,
    matches: (f) => f.httpStatus === 429 || (f.side === "exchangeOnline" && f.category === "LimitsExceeded"),
  },
  {
    codes: ["HCW8091"],
    title: "Windows Remote Management (WinRM) is not running on the Exchange server",
    fix: "Start the WinRM service on the Exchange server (Start-Service WinRM), then retry.",
    retryable: true,
    matches: (f) =>
      f.side === "onPremises" &&
      said(f, /WinRM|WS-Management service/i) &&
      said(f, /not running|cannot complete/i),
  },
  {
    codes: ["HCW8083", "HCW8084", "HCW8100"],
    title: "The remote PowerShell session to Exchange was dropped",
    fix: "Usually passing: retry. If it keeps happening, check that the agent's server answers on http://<server>/powershell and that IIS's MSExchangePowerShellAppPool is running.",
    retryable: true,
    matches: (f) => f.side === "onPremises" && f.transient === true,
  },
  {
    // Microsoft's article gives HCW8100 and HCW8084 the same words for either end ("The connection to
    // the Remote PowerShell server was disconnected"); HCW8083 is WinRM's, which only on-premises uses.
    codes: ["HCW8100", "HCW8084"],
    title: "The connection to Exchange Online was dropped",
    fix: "Usually passing: retry. If it keeps happening, check this service's way out to Exchange Online: a proxy or firewall closing long connections, or TLS inspection.",
    retryable: true,
    matches: (f) => f.side === "exchangeOnline" && f.transient === true,
  },
  {
    codes: ["1007"],
    title: "Federation failed: the clocks differ too much",
    fix: "Synchronise the Exchange server's time with a reliable source (w32tm /resync); federation refuses more than 5 minutes of skew.",
    retryable: false,
    matches: (f) => said(f, /clock skew|time skew|\b1007\b/i),
  },
  {
    codes: [],
    title: "The federation trust with the Microsoft Federation Gateway does not work",
    fix: "Keep the trust's certificate valid and published (Set-FederationTrust -RefreshMetadata), enable the federated organization identifier with the trust (Set-FederatedOrganizationIdentifier -Enabled $true -DelegationFederationTrust 'Microsoft Federation Gateway'), and keep each domain's TXT proof in public DNS. A trust that failed can keep its application id locked for 24 hours.",
    retryable: false,
    matches: (f) => cmdletIs(f, /^(FederationTrust|FederatedOrganizationIdentifier|FederatedDomain)$/),
  },
  {
    codes: ["HCW8126"],
    title: "Admin consent for the dedicated Exchange hybrid application was not granted",
    fix: "A Global Administrator or Privileged Role Administrator grants admin consent to ExchangeServerApp-<organization GUID> in Entra ID (Enterprise applications → Permissions), or signs in and runs the wizard again: it plans only the consent.",
    retryable: false,
    // The consent request only: a refusal to create the app itself is another matter (its role).
    matches: (f) =>
      f.side === "graph" &&
      /appRoleAssignments?$/i.test(f.cmdlet) &&
      (f.httpStatus === 403 || said(f, /consent|Authorization_RequestDenied/i)),
  },
  {
    codes: ["HCW8008", "HCW8014", "HCW8018", "HCW8043"],
    title: "Client Access or Edge settings of the hybrid configuration are not accepted",
    fix: "Clear them with Set-HybridConfiguration -ClientAccessServers $null -ExternalIPAddresses $null, and deselect Edge Transport servers unless they are subscribed and reachable; then retry.",
    retryable: false,
    // Before the stale-object entry: these are refusals of Set-HybridConfiguration's own values.
    matches: (f) => said(f, /\b(ClientAccessServers|ExternalIPAddresses|Edge\w*)\b/i),
  },
  {
    codes: ["HCW8019", "HCW8020", "HCW8021", "HCW8022", "HCW8023"],
    title: "The HybridConfiguration object is stale or damaged",
    fix: "Remove it on-premises with Remove-HybridConfiguration, then run the wizard again: it creates a new one from your answers.",
    retryable: false,
    matches: (f) => f.side === "onPremises" && cmdletIs(f, /^HybridConfiguration$/),
  },
  {
    codes: ["HCW8078"],
    title: "The migration endpoint could not be created",
    fix: "Enable MRSProxy on the EWS virtual directory of every Client Access server, make https://<organization FQDN>/EWS/mrsproxy.svc reachable from the internet without pre-authentication, and make sure its certificate is valid; then retry.",
    retryable: false,
    matches: (f) => cmdletIs(f, /^(MigrationEndpoint|MigrationServerAvailability)$/),
  },
  {
    codes: ["HCW8057"],
    title: "Exchange Online cannot reach your on-premises Autodiscover",
    fix: "Publish https://autodiscover.<your domain>/autodiscover/autodiscover.svc to the internet without pre-authentication (reverse proxy, firewall) and check its DNS record; then retry.",
    retryable: false,
    matches: (f) => said(f, /autodiscover|federation information could not be received/i),
  },
  {
    codes: ["HCW8034"],
    title: "Free/busy lookups across the organization relationship fail",
    fix: "Share free/busy on both sides' relationships again (Set-OrganizationRelationship -Enabled $true -FreeBusyAccessEnabled $true -FreeBusyAccessLevel LimitedDetails), or run the wizard again, which sets them; check that on-premises EWS is published to the internet.",
    retryable: false,
    matches: (f) => cmdletIs(f, /^OrganizationRelationship$/) && said(f, /free\/busy|disabled/i),
  },
  {
    codes: ["HCW8034"],
    title: "The organization relationship could not be configured",
    fix: "Check that the domains in the relationship are accepted domains on both sides and that federation information resolves for them; then retry.",
    retryable: false,
    matches: (f) => cmdletIs(f, /^OrganizationRelationship$/),
  },
  {
    codes: ["HCW8064"],
    title: "The OAuth part of the hybrid configuration failed",
    fix: "Retry; if it fails again, configure OAuth by hand (New-AuthServer, Set-PartnerApplication, New-IntraOrganizationConnector) as Microsoft's 'Configure OAuth authentication between Exchange and Exchange Online' describes.",
    retryable: false,
    matches: (f) =>
      cmdletIs(
        f,
        /^(AuthServer|PartnerApplication|IntraOrganizationConnector|AuthConfig|OAuthConnectivity)$/,
      ),
  },
  {
    codes: ["HCW8055"],
    title: "The email address policy was not applied",
    fix: "Apply it on-premises: Get-EmailAddressPolicy | Update-EmailAddressPolicy; then retry.",
    retryable: false,
    matches: (f) => cmdletIs(f, /^EmailAddressPolicy$/),
  },
  {
    codes: ["HCW8004", "HCW8009", "HCW8016", "HCW8017", "HCW8029", "HCW8030"],
    title: "An accepted domain is missing",
    fix: "Add the missing accepted domain (on-premises New-AcceptedDomain, in Exchange Online verify it in the Microsoft 365 admin center), then retry.",
    retryable: false,
    matches: (f) => cmdletIs(f, /^AcceptedDomain$/) || said(f, /accepted domain/i),
  },
  {
    // No HCW code: Microsoft's wizard has none for it. 5.7.64 is an SMTP status, the one Exchange
    // Online refuses such mail with, so the fix names it for admins who met it in an NDR.
    codes: [],
    title: "The transport certificate is not usable for hybrid mail flow",
    fix: "Choose a certificate from a public CA that is valid, has the SMTP service enabled and covers the organization FQDN; enable it with Enable-ExchangeCertificate -Services SMTP, then retry. (Mail whose certificate the connector cannot match is what Exchange Online refuses with SMTP status 5.7.64.)",
    retryable: false,
    matches: (f) => said(f, /certificate|TLS_ATTR36|5\.7\.64/i),
  },
];

/** The HCW failure an Exchange error corresponds to, or null when the table knows none. */
export function diagnoseExchangeFailure(failure: ExchangeFailure): HcwFailure | null {
  return HCW_FAILURES.find((entry) => entry.matches(failure)) ?? null;
}
