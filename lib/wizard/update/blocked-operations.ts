/**
 * The pending operations that wait on a failed one, directly or through others, each with the
 * failed operations it waits on: pg-boss holds their jobs until those complete, so Retry of the
 * failed ones is what runs them.
 */
export function blockedOperations(
  operations: readonly { planOperationId: string; status: string; dependsOn: readonly string[] }[],
): Map<string, string[]> {
  const byId = new Map(operations.map((operation) => [operation.planOperationId, operation]));
  const memo = new Map<string, string[]>();
  const failedUnder = (id: string, seen: Set<string>): string[] => {
    const known = memo.get(id);
    if (known) return known;
    const operation = byId.get(id);
    if (!operation || seen.has(id)) return [];
    seen.add(id);
    const found = operation.dependsOn.flatMap((dependency) => {
      const parent = byId.get(dependency);
      if (!parent) return [];
      return parent.status === "failed" ? [dependency] : failedUnder(dependency, seen);
    });
    const unique = [...new Set(found)];
    memo.set(id, unique);
    return unique;
  };
  const blocked = new Map<string, string[]>();
  for (const operation of operations) {
    if (operation.status !== "pending") continue;
    const failed = failedUnder(operation.planOperationId, new Set());
    if (failed.length > 0) blocked.set(operation.planOperationId, failed);
  }
  return blocked;
}
