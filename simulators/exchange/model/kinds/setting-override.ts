import { defineCmdlets } from "../cmdlet-definition";
import { directoryObject, invalidValueError } from "../directory-objects";
import { getCmdlet, listParameter, newCmdlet, removeCmdlet, stringParameter } from "../generic-cmdlets";
import { multi, ON_PREMISES, REQUIRED_STRING, STRING } from "../parameter-types";

// Setting overrides: organization-wide feature switches of Exchange Server. The dedicated hybrid
// application is switched on by one (section ExchangeOnpremAsThirdPartyAppId, "Enabled=true"), which
// Exchange picks up once the topology service's variant configuration is refreshed
// (Get-ExchangeDiagnosticInfo … -Argument Refresh).

export const settingOverrideCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-SettingOverride", kind: "SettingOverride", sides: ON_PREMISES }),
  newCmdlet({
    name: "New-SettingOverride",
    kind: "SettingOverride",
    sides: ON_PREMISES,
    parameters: {
      Name: REQUIRED_STRING,
      Component: REQUIRED_STRING,
      Section: REQUIRED_STRING,
      Parameters: { ...multi("System.String"), required: true },
      Reason: REQUIRED_STRING,
      Server: multi("System.String"),
    },
    validate: (context) => {
      for (const parameter of listParameter(context, "Parameters")) {
        if (!/^[A-Za-z0-9]+=.+$/.test(parameter)) {
          throw invalidValueError(context, `The parameter '${parameter}' isn't in the form Name=Value.`);
        }
      }
    },
    create: (context) => ({
      ...directoryObject(context, {
        name: String(context.parameters.Name),
        container: "CN=Setting Overrides,CN=Global Settings",
        schema: "ms-Exch-Config-Settings",
        objectClass: ["top", "msExchConfigSettings"],
        exchangeVersion: "0.20 (15.0.0.0)",
      }),
      ComponentName: String(context.parameters.Component),
      SectionName: String(context.parameters.Section),
      Parameters: listParameter(context, "Parameters"),
      Reason: String(context.parameters.Reason),
      Server: listParameter(context, "Server"),
      MinVersion: null,
      MaxVersion: null,
      FixVersion: null,
    }),
  }),
  removeCmdlet({ name: "Remove-SettingOverride", kind: "SettingOverride", sides: ON_PREMISES }),
  {
    name: "Get-ExchangeDiagnosticInfo",
    sides: ON_PREMISES,
    parameters: { Process: REQUIRED_STRING, Component: STRING, Argument: STRING, Server: STRING },
    run: (context) => [
      {
        Server: stringParameter(context, "Server") ?? "",
        Result: `<Diagnostics><ProcessLocator><ProcessName>${String(context.parameters.Process)}</ProcessName></ProcessLocator><Components><${String(context.parameters.Component ?? "")}>${context.parameters.Argument === "Refresh" ? "Refreshed" : ""}</${String(context.parameters.Component ?? "")}></Components></Diagnostics>`,
        Identity: null,
        IsValid: true,
      },
    ],
  },
]);
