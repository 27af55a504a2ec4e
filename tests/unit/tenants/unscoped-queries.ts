import ts from "typescript";

// Finds Prisma queries on tenant-owned models that do not name their tenant through
// `tenantScope(acting)` (or `auditActor(acting)`, which spreads it, in an audit row's data), and
// plain SQL (`sql.query(…)`, `preparedStatement(…)`) on their tables that does not say `"tenantId" = $n`.

/** Models with a `tenantId` field, by their client accessor (`WizardRun` → `wizardRun`). */
export function tenantOwnedModels(schema: string): string[] {
  const models: string[] = [];
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name = "", body = ""] = match;
    if (/^\s*tenantId\s/m.test(body)) models.push(name.charAt(0).toLowerCase() + name.slice(1));
  }
  return models;
}

/** The table names raw SQL would use for those models (`"WizardRun"`). */
function tableNames(models: readonly string[]): string[] {
  return models.map((model) => `"${model.charAt(0).toUpperCase()}${model.slice(1)}"`);
}

const FILTERS = [
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "count",
  "aggregate",
  "groupBy",
];
const CREATES = ["create", "createMany", "createManyAndReturn"];
/** Which part of the query's argument must carry the tenant, per operation. */
const SCOPED_PARTS: Record<string, string[]> = {
  ...Object.fromEntries(FILTERS.map((op) => [op, ["where"]])),
  ...Object.fromEntries(CREATES.map((op) => [op, ["data"]])),
  upsert: ["where", "create"],
};
const RAW = ["$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe"];
/** Plain SQL on the pool (lib/db.ts getSql), the agent channel's hot path: scoped in its own text. */
const PLAIN_SQL = "query";
/** The same written once as a named statement (lib/db.ts preparedStatement), run by `query` elsewhere. */
const PREPARED_SQL = "preparedStatement";
const SCOPED_IN_SQL = /"tenantId"\s*=\s*\$\d/;
// partnerScope: a partner's read across its customers, limited to active relationships (lib/partners/partner-scope.ts).
const SCOPE_CALLS = new Set(["tenantScope", "auditActor", "partnerScope"]);

export interface UnscopedQuery {
  file: string;
  line: number;
  /** `agent.findMany`, or `$queryRaw` for SQL naming a tenant-owned table. */
  query: string;
  problem: string;
}

function callsScope(node: ts.Node): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && SCOPE_CALLS.has(node.expression.text))
    return true;
  return ts.forEachChild(node, callsScope) ?? false;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Node | undefined {
  return object.properties.find(
    (member) => ts.isPropertyAssignment(member) && ts.isIdentifier(member.name) && member.name.text === name,
  );
}

/** Every query in `source` (a file's text) on one of `models` that is not scoped. */
export function findUnscopedQueries(
  file: string,
  source: string,
  models: readonly string[],
): UnscopedQuery[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const tables = tableNames(models);
  const found: UnscopedQuery[] = [];
  const report = (node: ts.Node, query: string, problem: string) =>
    found.push({
      file,
      line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      query,
      problem,
    });

  const checkPlainSql = (node: ts.Node, op: string) => {
    const sql = node.getText(sourceFile);
    const table = tables.find((name) => sql.includes(name));
    if (table && !SCOPED_IN_SQL.test(sql))
      report(node, op, `plain SQL on ${table} does not say "tenantId" = $n with the acting tenant's id`);
  };

  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === PREPARED_SQL
    )
      checkPlainSql(node, PREPARED_SQL);
    const callee = ts.isCallExpression(node)
      ? node.expression
      : ts.isTaggedTemplateExpression(node)
        ? node.tag
        : undefined;
    if (callee && ts.isPropertyAccessExpression(callee)) {
      const op = callee.name.text;
      const receiver = callee.expression;
      if (op === PLAIN_SQL) {
        checkPlainSql(node, op);
      } else if (RAW.includes(op)) {
        const sql = node.getText(sourceFile);
        const table = tables.find((name) => sql.includes(name));
        if (table)
          report(node, op, `raw SQL on ${table}: write it as a Prisma query scoped by tenantScope(acting)`);
      } else if (
        ts.isCallExpression(node) &&
        SCOPED_PARTS[op] &&
        ts.isPropertyAccessExpression(receiver) &&
        models.includes(receiver.name.text)
      ) {
        const query = `${receiver.name.text}.${op}`;
        const [argument] = node.arguments;
        if (!argument || !ts.isObjectLiteralExpression(argument)) {
          report(node, query, "pass the query inline, so that its tenantScope(acting) can be seen");
        } else {
          for (const part of SCOPED_PARTS[op] ?? []) {
            const value = property(argument, part);
            if (!value || !callsScope(value))
              report(node, query, `its ${part} does not spread tenantScope(acting)`);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
