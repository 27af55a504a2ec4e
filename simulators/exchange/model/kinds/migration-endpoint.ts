import { randomUUID } from "node:crypto";
import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { insertObject, invalidValueError, objectsOf, requireObject } from "../directory-objects";
import { ExchangeError } from "../exchange-error";
import { getCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { CREDENTIAL, INT, ONLINE, REQUIRED_STRING, STRING, SWITCH } from "../parameter-types";

const KIND = "MigrationEndpoint";

interface Reachability {
  reachable: boolean;
  detail: string | null;
}

/**
 * Exchange Online reaches https://<RemoteServer>/EWS/mrsproxy.svc. The simulator answers from the
 * paired on-premises organization: an EWS virtual directory published at that host with MRSProxy on.
 */
async function testRemoteServer(context: CmdletContext, remoteServer: string): Promise<Reachability> {
  const onPremises = await context.readPairedOnPremises();
  if (!onPremises) return { reachable: true, detail: null };
  const host = remoteServer.toLowerCase();
  const directories = objectsOf(onPremises, "WebServicesVirtualDirectory").filter(
    (directory) =>
      typeof directory.ExternalUrl === "string" &&
      new URL(directory.ExternalUrl).hostname.toLowerCase() === host,
  );
  if (directories.length === 0) {
    return {
      reachable: false,
      detail: `No Exchange Web Services endpoint is published at '${remoteServer}'.`,
    };
  }
  if (!directories.some((directory) => directory.MRSProxyEnabled === true)) {
    return {
      reachable: false,
      detail: `The Mailbox Replication Service proxy (MRSProxy) isn't enabled on https://${remoteServer}/EWS/mrsproxy.svc.`,
    };
  }
  return { reachable: true, detail: null };
}

function requireRemoteServer(context: CmdletContext): string {
  const remoteServer = context.parameters.RemoteServer;
  if (context.parameters.ExchangeRemoteMove === true && typeof remoteServer !== "string") {
    throw invalidValueError(
      context,
      "The RemoteServer parameter is required for an ExchangeRemoteMove endpoint.",
    );
  }
  if (typeof remoteServer !== "string") {
    throw invalidValueError(
      context,
      "Specify -ExchangeRemoteMove with -RemoteServer; other endpoint types aren't simulated.",
    );
  }
  return remoteServer;
}

function connectionFailed(
  context: CmdletContext,
  remoteServer: string,
  detail: string | null,
): ExchangeError {
  return new ExchangeError({
    cmdlet: context.cmdlet,
    category: "InvalidArgument",
    exceptionType: "Microsoft.Exchange.Migration.MigrationServerConnectionFailedException",
    message: `The connection to the server '${remoteServer}' could not be completed.${detail ? ` ${detail}` : ""}`,
    server: context.state.directory.originatingServer,
  });
}

const CONNECTION_PARAMETERS = {
  ExchangeRemoteMove: SWITCH,
  RemoteServer: STRING,
  Credentials: CREDENTIAL,
  Autodiscover: SWITCH,
  EmailAddress: STRING,
};

export const migrationEndpointCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-MigrationEndpoint", kind: KIND, sides: ONLINE }),
  {
    name: "New-MigrationEndpoint",
    sides: ONLINE,
    parameters: {
      ...CONNECTION_PARAMETERS,
      Name: REQUIRED_STRING,
      MaxConcurrentMigrations: INT,
      MaxConcurrentIncrementalSyncs: INT,
      SkipVerification: SWITCH,
    },
    async run(context) {
      const remoteServer = requireRemoteServer(context);
      if (context.parameters.SkipVerification !== true) {
        const { reachable, detail } = await testRemoteServer(context, remoteServer);
        if (!reachable) throw connectionFailed(context, remoteServer, detail);
      }
      const credentials = context.parameters.Credentials;
      const endpoint: ExchangeObject = {
        AcceptUntrustedCertificates: false,
        ApplicationId: null,
        Authentication: null,
        EndpointType: "ExchangeRemoteMove",
        ExchangeServer: null,
        Guid: randomUUID(),
        Identity: String(context.parameters.Name),
        IsRemote: true,
        IsValid: true,
        MailboxPermission: "Admin",
        MaxConcurrentIncrementalSyncs: String(context.parameters.MaxConcurrentIncrementalSyncs ?? 10),
        MaxConcurrentMigrations: String(context.parameters.MaxConcurrentMigrations ?? 20),
        Name: String(context.parameters.Name),
        ObjectState: "Unchanged",
        RemoteServer: remoteServer,
        Username:
          credentials && typeof credentials === "object" && !Array.isArray(credentials)
            ? String(credentials.UserName)
            : null,
      };
      return [structuredClone(insertObject(context, KIND, endpoint))];
    },
  },
  setCmdlet({
    name: "Set-MigrationEndpoint",
    kind: KIND,
    sides: ONLINE,
    parameters: {
      RemoteServer: STRING,
      MaxConcurrentMigrations: STRING,
      MaxConcurrentIncrementalSyncs: STRING,
    },
  }),
  removeCmdlet({ name: "Remove-MigrationEndpoint", kind: KIND, sides: ONLINE }),
  {
    name: "Test-MigrationServerAvailability",
    sides: ONLINE,
    // -Endpoint tests an endpoint that exists, with the credential it keeps.
    parameters: { ...CONNECTION_PARAMETERS, Endpoint: STRING },
    async run(context) {
      const endpoint = context.parameters.Endpoint;
      const remoteServer =
        typeof endpoint === "string"
          ? String(requireObject(context, KIND, endpoint).RemoteServer)
          : requireRemoteServer(context);
      const { reachable, detail } = await testRemoteServer(context, remoteServer);
      return [
        {
          ErrorDetail: reachable ? null : detail,
          Identity: null,
          IsValid: true,
          Message: reachable ? "" : `The connection to the server '${remoteServer}' could not be completed.`,
          ObjectState: "New",
          Result: reachable ? "Success" : "Failed",
          SupportsCutover: false,
          TestedEndpoint: remoteServer,
        },
      ];
    },
  },
]);
