// What a Test- cmdlet's answer says: each reports success its own way (ResultType, Type, Result,
// Status), and a failure's words are in a different property of each.

export interface ProbeOutcome {
  passed: boolean;
  detail: string;
}

type Row = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function rowsOutcome(rows: Row[], ok: (row: Row) => boolean, words: (row: Row) => string): ProbeOutcome {
  if (rows.length === 0) return { passed: false, detail: "Exchange answered without a result." };
  const failed = rows.filter((row) => !ok(row));
  const shown = failed.length > 0 ? failed : rows;
  return { passed: failed.length === 0, detail: shown.map(words).filter(Boolean).join(" ") };
}

export function probeOutcome(cmdlet: string, objects: readonly unknown[]): ProbeOutcome {
  const rows = objects.filter((object): object is Row => typeof object === "object" && object !== null);
  switch (cmdlet) {
    case "Test-OAuthConnectivity":
      return rowsOutcome(
        rows,
        (row) => row.ResultType === "Success",
        (row) => text(row.Detail),
      );
    case "Test-FederationTrust":
      return rowsOutcome(
        rows,
        (row) => row.Type === "Success",
        (row) => text(row.Message),
      );
    case "Test-MigrationServerAvailability":
      return rowsOutcome(
        rows,
        (row) => row.Result === "Success",
        (row) =>
          [text(row.Message), text(row.ErrorDetail)].filter(Boolean).join(" ") || "The server answered.",
      );
    case "Test-OrganizationRelationship":
      return rowsOutcome(
        rows,
        (row) => row.Status === "Success",
        (row) => text(row.Description),
      );
    default:
      throw new Error(`No reading of ${cmdlet}'s answer`);
  }
}
