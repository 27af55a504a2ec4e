import { defineCmdlets } from "../cmdlet-definition";
import { getCmdlet } from "../generic-cmdlets";
import { ON_PREMISES, STRING, SWITCH } from "../parameter-types";

export const mailboxDatabaseCmdlets = defineCmdlets([
  getCmdlet({
    name: "Get-MailboxDatabase",
    kind: "MailboxDatabase",
    sides: ON_PREMISES,
    parameters: { Server: STRING, IncludePreExchange2013: SWITCH, Status: SWITCH },
    select(context, databases) {
      const server = context.parameters.Server;
      // Without -IncludePreExchange2013, Exchange leaves out databases hosted on Exchange 2010.
      const includeLegacy = context.parameters.IncludePreExchange2013 === true;
      return databases.filter(
        (database) =>
          (includeLegacy || !String(database.AdminDisplayVersion).startsWith("Version 14")) &&
          (typeof server !== "string" || String(database.Server).toLowerCase() === server.toLowerCase()),
      );
    },
  }),
]);
