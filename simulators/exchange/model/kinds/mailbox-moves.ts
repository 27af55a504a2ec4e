import { randomUUID } from "node:crypto";
import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { insertObject, invalidValueError, requireObject } from "../directory-objects";
import { getCmdlet, removeCmdlet, stringParameter } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { CREDENTIAL, ONLINE, REQUIRED_STRING, STRING, SWITCH } from "../parameter-types";

// Mailbox moves from on-premises: a migration batch through a migration endpoint, or a move request
// made directly (New-MoveRequest -Remote). The wizard never makes them; it reads them, because once
// mailboxes have moved the hybrid it built carries their mail and free/busy, and undoing it would
// cut them off. Remove-MoveRequest cancels a move (or clears a finished one's request).
// -CSVData is the CSV's text here (the admin API takes its bytes).

function moveRequest(
  context: CmdletContext,
  shape: { identity: string; remoteHostName: string; targetDeliveryDomain: string; batchName: string | null },
): ExchangeObject {
  return {
    Alias: shape.identity.split("@")[0]!,
    BatchName: shape.batchName,
    Direction: "Pull",
    DisplayName: shape.identity,
    ExchangeGuid: randomUUID(),
    Flags: "CrossOrg, Pull",
    Identity: shape.identity,
    Name: shape.identity,
    RemoteHostName: shape.remoteHostName,
    Status: "Queued",
    TargetDeliveryDomain: shape.targetDeliveryDomain,
    WhenCreated: context.now.toISOString(),
  };
}

function addresses(csv: string): string[] {
  const [header, ...rows] = csv.split(/\r?\n/).filter((line) => line.trim() !== "");
  const column = (header ?? "").split(",").findIndex((name) => name.trim().toLowerCase() === "emailaddress");
  if (column < 0) return [];
  return rows.map((row) => row.split(",")[column]!.trim()).filter((address) => address !== "");
}

export const mailboxMoveCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-MigrationBatch", kind: "MigrationBatch", sides: ONLINE }),
  {
    name: "New-MigrationBatch",
    sides: ONLINE,
    parameters: {
      Name: REQUIRED_STRING,
      SourceEndpoint: REQUIRED_STRING,
      TargetDeliveryDomain: REQUIRED_STRING,
      CSVData: REQUIRED_STRING,
      AutoStart: SWITCH,
    },
    run(context) {
      const endpoint = requireObject(context, "MigrationEndpoint", String(context.parameters.SourceEndpoint));
      const users = addresses(String(context.parameters.CSVData));
      if (users.length === 0) {
        throw invalidValueError(context, "The CSV data has no EmailAddress column or no rows.");
      }
      const name = String(context.parameters.Name);
      for (const user of users) {
        insertObject(
          context,
          "MoveRequest",
          moveRequest(context, {
            identity: user,
            remoteHostName: String(endpoint.RemoteServer),
            targetDeliveryDomain: String(context.parameters.TargetDeliveryDomain),
            batchName: `MigrationService:${name}`,
          }),
        );
      }
      const batch: ExchangeObject = {
        Identity: name,
        Name: name,
        SourceEndpoint: String(endpoint.Name),
        Status: context.parameters.AutoStart === true ? "Syncing" : "Stopped",
        TargetDeliveryDomain: String(context.parameters.TargetDeliveryDomain),
        TotalCount: users.length,
        WhenCreated: context.now.toISOString(),
      };
      return [structuredClone(insertObject(context, "MigrationBatch", batch))];
    },
  },
  getCmdlet({ name: "Get-MoveRequest", kind: "MoveRequest", sides: ONLINE }),
  {
    name: "New-MoveRequest",
    sides: ONLINE,
    parameters: {
      Identity: REQUIRED_STRING,
      Remote: SWITCH,
      RemoteHostName: REQUIRED_STRING,
      RemoteCredential: CREDENTIAL,
      TargetDeliveryDomain: REQUIRED_STRING,
      BatchName: STRING,
    },
    run(context) {
      const request = moveRequest(context, {
        identity: String(context.parameters.Identity),
        remoteHostName: String(context.parameters.RemoteHostName),
        targetDeliveryDomain: String(context.parameters.TargetDeliveryDomain),
        batchName: stringParameter(context, "BatchName"),
      });
      return [structuredClone(insertObject(context, "MoveRequest", request))];
    },
  },
  removeCmdlet({ name: "Remove-MoveRequest", kind: "MoveRequest", sides: ONLINE }),
]);
