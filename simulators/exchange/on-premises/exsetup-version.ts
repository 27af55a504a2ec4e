import { parseFixture } from "../fixtures/load-fixture";
import { objectsOf } from "../model/directory-objects";
import { ExchangeError } from "../model/exchange-error";
import type { OrganizationState } from "../model/organization-state";

/**
 * What `(Get-Command ExSetup.exe).FileVersionInfo.FileVersion` prints on a server: four parts,
 * the minor padded to two digits and the revision to three ("15.02.1544.025"). The fixture's
 * `exSetupVersion` carries the security update; without one, the server runs the build its
 * AdminDisplayVersion shows, with no update on top.
 */
export function exSetupFileVersion(state: OrganizationState, serverName: string): string {
  const wanted = serverName.toLowerCase();
  const server = objectsOf(state, "ExchangeServer").find(
    (candidate) =>
      String(candidate.Name).toLowerCase() === wanted || String(candidate.Fqdn).toLowerCase() === wanted,
  );
  if (!server) {
    throw new ExchangeError({
      cmdlet: "Invoke-Command",
      category: "OpenError",
      exceptionType: "System.Management.Automation.Remoting.PSRemotingTransportException",
      message: `Connecting to remote server ${serverName} failed with the following error message : WinRM cannot process the request: the computer ${serverName} is not an Exchange server of this organization.`,
    });
  }
  const fixture = parseFixture(state.fixture.document).onPremises.servers.find(
    (candidate) => candidate.name.toLowerCase() === String(server.Name).toLowerCase(),
  );
  const build = /Version (\d+)\.(\d+) \(Build (\d+)\.(\d+)\)/.exec(String(server.AdminDisplayVersion));
  const parts = (fixture?.exSetupVersion ?? (build ? build.slice(1).join(".") : "0.0.0.0")).split(".");
  const [major = "0", minor = "0", buildNumber = "0", revision = "0"] = parts;
  return `${major}.${minor.padStart(2, "0")}.${buildNumber}.${revision.padStart(3, "0")}`;
}
