import { describe, expect, it } from "vitest";
import { operationAsPowerShell } from "@/lib/wizard/plan/operation-as-powershell";

describe("an operation as PowerShell an admin can paste", () => {
  it("quotes strings, doubles their quotes, and writes booleans, lists and $null as the shell reads them", () => {
    expect(
      operationAsPowerShell({
        cmdlet: "Set-ReceiveConnector",
        parameters: {
          Identity: "EX1\\Default Frontend EX1",
          TLSCertificateName: null,
          TLSDomainCapabilities: ["mail.protection.outlook.com:AcceptCloudServicesMail", "O'Brien"],
          RequireTLS: true,
        },
      }),
    ).toBe(
      "Set-ReceiveConnector -Identity 'EX1\\Default Frontend EX1' -TLSCertificateName $null -TLSDomainCapabilities 'mail.protection.outlook.com:AcceptCloudServicesMail','O''Brien' -RequireTLS:$true",
    );
  });

  it("names a credential as a variable to fill in, never its secret", () => {
    expect(
      operationAsPowerShell({
        cmdlet: "New-MigrationEndpoint",
        parameters: { Name: "Hybrid Migration Endpoint", RemoteServer: "mail.contoso.com" },
        credentials: { Credentials: { userName: "CONTOSO\\svc", secretReference: "ref-1" } },
      }),
    ).toBe(
      "New-MigrationEndpoint -Name 'Hybrid Migration Endpoint' -RemoteServer 'mail.contoso.com' -Credentials $Credentials",
    );
  });
});
