import { describe, expect, it } from "vitest";
import { formatPlanJsonLines, formatPlanTable } from "@/lib/wizard/plan/format-plan";
import { planFixture } from "./gather-from-fixture";

describe("printing a plan", () => {
  it("gives one JSON object a line with the dry run's keys, in order", async () => {
    const { plan } = await planFixture("contoso");
    const lines = formatPlanJsonLines(plan);
    expect(lines).toHaveLength(plan.operations.length);
    const first = JSON.parse(lines[1]!);
    expect(Object.keys(first)).toEqual([
      "side",
      "task",
      "action",
      "cmdlet",
      "parameters",
      "identity",
      "before",
      "after",
    ]);
    expect(first).toMatchObject({
      side: "OnPremises",
      task: "GlobalPrerequisites",
      action: "update",
      cmdlet: "Set-HybridConfiguration",
    });
  });

  it("gives a person a table with what changes under each write, and the count", async () => {
    const { plan } = await planFixture("woodgrove", (answers) => {
      answers.transport.centralizedMailTransport = true;
    });
    const table = formatPlanTable(plan);
    expect(table).toMatch(
      /MailFlow\s+Exchange Online\s+update\s+Set-OutboundConnector\s+Outbound to 657eda73/,
    );
    expect(table).toContain("      RouteAllMessagesViaOnPremises: false → true");
    // Then the plan's notes: here, that Microsoft Graph was not read.
    expect(table).toMatch(/3 writes, \d+ left as they are\.\nnote: Microsoft Graph was not read[^\n]*$/);
  });
});
