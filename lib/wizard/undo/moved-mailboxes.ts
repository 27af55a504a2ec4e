import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { GatherTransport } from "@/lib/wizard/gather/gather-transport";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import type { ExecutedOperation } from "./executed-operation";

// Mailboxes moved through the run's migration endpoint rely on the hybrid from then on: their mail
// is routed through the coexistence domain, free/busy crosses the relationships, and moving back
// needs the endpoint. Undo would cut them off, so it is refused once any has moved (or is moving).

const ZMoveRequestSchema = z.object({
  Identity: z.string(),
  RemoteHostName: z.string().nullish(),
  BatchName: z.string().nullish(),
});
const ZMigrationBatchSchema = z.object({ Identity: z.string(), SourceEndpoint: z.string().nullish() });

export interface MailboxMoves {
  requests: z.infer<typeof ZMoveRequestSchema>[];
  batches: z.infer<typeof ZMigrationBatchSchema>[];
}

/** Exchange Online's move requests and migration batches, through the same transport a gather uses. */
export async function readMailboxMoves(online: GatherTransport): Promise<MailboxMoves> {
  const { answers } = await online.read([
    { readId: "Online:Get-MoveRequest", side: "Online", cmdlet: "Get-MoveRequest", parameters: {} },
    { readId: "Online:Get-MigrationBatch", side: "Online", cmdlet: "Get-MigrationBatch", parameters: {} },
  ]);
  const [requests, batches] = answers.map((answer, index) => {
    if (!answer?.ok) {
      const cmdlet = index === 0 ? "Get-MoveRequest" : "Get-MigrationBatch";
      throw new AppError(
        "unavailable",

        `Exchange Online could not list its mailbox moves (${cmdlet}): ${answer?.ok === false ? answer.error.message : "no answer"}`,
      );
    }
    return answer.objects;
  });
  return {
    requests: ZMoveRequestSchema.array().parse(requests),
    batches: ZMigrationBatchSchema.array().parse(batches),
  };
}

function lower(value: unknown): string | undefined {
  return typeof value === "string" ? value.toLowerCase() : undefined;
}

/** Why Undo is refused for moved mailboxes, or undefined when none moved through the run's endpoint. */
export function movedThroughRun(options: {
  executed: readonly ExecutedOperation[];
  gathered: GatheredState;
  moves: MailboxMoves;
}): string | undefined {
  const endpoints = options.executed.filter((operation) => operation.kind === "MigrationEndpoint");
  if (endpoints.length === 0) return undefined;
  const names = new Set(endpoints.map((operation) => operation.identity.toLowerCase()));
  const hosts = new Set(
    [
      ...endpoints.flatMap((operation) => [
        operation.after.RemoteServer,
        operation.observedBefore?.RemoteServer,
      ]),
      ...options.gathered.online.migrationEndpoints
        .filter((endpoint) => names.has(endpoint.Name.toLowerCase()))
        .map((endpoint) => endpoint.RemoteServer),
    ]
      .map(lower)
      .filter((host): host is string => host !== undefined),
  );
  const batches = options.moves.batches.filter((batch) => names.has(lower(batch.SourceEndpoint) ?? ""));
  const batchNames = new Set(batches.map((batch) => `migrationservice:${batch.Identity.toLowerCase()}`));
  const mailboxes = options.moves.requests
    .filter(
      (request) =>
        hosts.has(lower(request.RemoteHostName) ?? "") || batchNames.has(lower(request.BatchName) ?? ""),
    )
    .map((request) => request.Identity);
  if (mailboxes.length === 0 && batches.length === 0) return undefined;
  const endpoint = endpoints[0]!.identity;
  const named =
    mailboxes.slice(0, 5).join(", ") + (mailboxes.length > 5 ? `, and ${mailboxes.length - 5} more` : "");
  const what =
    mailboxes.length > 0
      ? `${mailboxes.length} mailbox${mailboxes.length === 1 ? " has" : "es have"} moved (or ${mailboxes.length === 1 ? "is" : "are"} moving) through the migration endpoint '${endpoint}' (${named})`
      : `The migration batch ${batches.map((batch) => `'${batch.Identity}'`).join(", ")} uses the migration endpoint '${endpoint}'`;
  return `${what}. Moved mailboxes rely on this hybrid for their mail, free/busy and a move back, so undoing it would cut them off. Undo becomes possible again once no mailbox has moved through the endpoint.`;
}
