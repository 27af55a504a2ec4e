import { describe, expect, it } from "vitest";
import { AGENT_ALLOWED_CMDLETS, AGENT_PROBES } from "@/lib/agents/protocol";
import { AGENT_REMOVALS, EXCHANGE_OBJECT_KINDS, objectKind } from "@/lib/exchange/object-catalog";
import { sidesOf } from "@/lib/exchange/object-kind";
import type { Answers } from "@/lib/wizard/answers/answers";
import { writesOf } from "@/lib/wizard/plan/plan-types";
import { bindParameters } from "@/simulators/exchange/model/bind-parameters";
import { findCmdlet } from "@/simulators/exchange/model/catalog";
import { planFixture, SHIPPED_FIXTURES, withTestCredentials } from "../wizard/gather-from-fixture";

// lib/exchange (what the wizard knows) against simulators/exchange (what stands for Microsoft): a
// cmdlet or parameter the wizard could send that the simulator does not accept on that side would
// fail against Exchange as well, or the simulator is wrong; either way someone must look.

function simulatorParameters(name: string, side: "OnPremises" | "Online"): string[] {
  const definition = findCmdlet(name, side);
  return Object.entries(definition.parameters)
    .filter(([, spec]) => !spec.sides || spec.sides.includes(side))
    .map(([parameter]) => parameter.toLowerCase());
}

describe("lib/exchange's catalog agrees with the Exchange simulators", () => {
  for (const kind of EXCHANGE_OBJECT_KINDS) {
    for (const cmdlet of kind.cmdlets) {
      for (const side of sidesOf(kind, cmdlet)) {
        it(`${side} ${cmdlet.name} exists with every parameter the wizard passes`, () => {
          const accepted = simulatorParameters(cmdlet.name, side);
          const passed = cmdlet.parameters.filter(
            (parameter) => !cmdlet.parameterSides?.[parameter] || cmdlet.parameterSides[parameter] === side,
          );
          expect(passed.filter((parameter) => !accepted.includes(parameter.toLowerCase()))).toEqual([]);
        });
      }
    }
  }

  it("compares only properties it can set: each compared property has a set or new parameter", () => {
    for (const kind of EXCHANGE_OBJECT_KINDS) {
      const writable = new Set(
        kind.cmdlets
          .filter((cmdlet) => cmdlet.verb === "new" || cmdlet.verb === "set")
          .flatMap((cmdlet) => cmdlet.parameters.map((parameter) => parameter.toLowerCase())),
      );
      const unsettable = kind.compared.filter(
        (property) => !writable.has((kind.parameterOf?.[property] ?? property).toLowerCase()),
      );
      expect({ kind: kind.kind, unsettable }).toEqual({ kind: kind.kind, unsettable: [] });
    }
  });

  it("derives the agent's allow-list: on-premises cmdlets only, removals only of what the wizard creates", () => {
    expect(AGENT_ALLOWED_CMDLETS).toContain("New-SendConnector");
    expect(AGENT_ALLOWED_CMDLETS).toContain("Remove-HybridConfiguration");
    expect(AGENT_ALLOWED_CMDLETS).toContain("Remove-SendConnector");
    expect(AGENT_ALLOWED_CMDLETS).toContain("Test-OAuthConnectivity");
    expect(AGENT_ALLOWED_CMDLETS).not.toContain("New-InboundConnector");
    // Policies exist on both sides, but the wizard writes them only in Exchange Online.
    expect(AGENT_ALLOWED_CMDLETS).toContain("Get-RetentionPolicy");
    expect(AGENT_ALLOWED_CMDLETS).not.toContain("New-RetentionPolicy");
    expect(AGENT_ALLOWED_CMDLETS).not.toContain("Remove-InboundConnector");
    // Each removal the agent may run undoes a kind the wizard creates on-premises, and every such kind has one.
    const created = EXCHANGE_OBJECT_KINDS.filter((kind) =>
      kind.cmdlets.some(
        (cmdlet) =>
          (cmdlet.verb === "new" || cmdlet.name === "Add-FederatedDomain") &&
          sidesOf(kind, cmdlet).includes("OnPremises"),
      ),
    );
    const undoRemovals = created.flatMap((kind) =>
      kind.cmdlets
        .filter((cmdlet) => cmdlet.verb === "remove" && sidesOf(kind, cmdlet).includes("OnPremises"))
        .map((cmdlet) => cmdlet.name),
    );
    expect([...AGENT_REMOVALS].sort()).toEqual([...undoRemovals].sort());
    for (const kind of created) {
      expect(
        kind.cmdlets.some(
          (cmdlet) => cmdlet.verb === "remove" && sidesOf(kind, cmdlet).includes("OnPremises"),
        ),
        `${kind.kind} can be removed on-premises`,
      ).toBe(true);
    }
    // The agent's probes are its own scripts on the server, not Exchange cmdlets.
    const cmdlets = AGENT_ALLOWED_CMDLETS.filter(
      (name) => !(AGENT_PROBES as readonly string[]).includes(name),
    );
    for (const name of cmdlets) expect(() => findCmdlet(name, "OnPremises")).not.toThrow();
  });
});

describe("every operation the planner emits is one the catalog lists and the simulator binds", () => {
  const variants: Array<[string, (answers: Answers) => void]> = [
    ["as shipped", () => {}],
    [
      "minimal, no migration endpoint",
      (answers) => {
        answers.features.hybrid = "minimal";
        answers.features.migrationEndpoint = false;
      },
    ],
    [
      "centralized mail transport",
      (answers) => {
        answers.transport.centralizedMailTransport = true;
      },
    ],
    [
      "organization configuration transfer",
      (answers) => {
        answers.features.organizationConfigurationTransfer = true;
      },
    ],
  ];
  for (const fixture of SHIPPED_FIXTURES) {
    for (const [variant, change] of variants) {
      it(`${fixture}, ${variant}`, async () => {
        const { plan } = await planFixture(fixture, change);
        for (const operation of writesOf(plan)) {
          // Microsoft Graph requests are not Exchange cmdlets (none here: these gathers do not read Graph).
          const side = operation.side;
          if (side === "Graph")
            throw new Error(`${operation.id}: a Graph operation from a gather without Graph`);
          const kind = objectKind(operation.kind);
          const listed = kind.cmdlets.find(
            (cmdlet) => cmdlet.name === operation.cmdlet && sidesOf(kind, cmdlet).includes(side),
          );
          expect(listed, `${operation.side} ${operation.cmdlet} is in lib/exchange's catalog`).toBeDefined();
          const passed = Object.keys(withTestCredentials(operation));
          expect(passed.filter((parameter) => !listed!.parameters.includes(parameter))).toEqual([]);
          const definition = findCmdlet(operation.cmdlet, side);
          expect(() => bindParameters(definition, side, withTestCredentials(operation))).not.toThrow();
        }
      });
    }
  }
});
