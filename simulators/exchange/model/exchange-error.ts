import { createHash, randomUUID } from "node:crypto";

/** PowerShell ErrorCategory names that Exchange cmdlets report. */
export type ErrorCategory =
  | "NotSpecified"
  | "InvalidArgument"
  | "InvalidData"
  | "InvalidOperation"
  | "ObjectNotFound"
  | "ResourceExists"
  | "OpenError"
  | "PermissionDenied"
  | "LimitsExceeded";

/**
 * `CmdletError` is an error the cmdlet itself wrote; `SessionDropped` is the remote PowerShell
 * transport failing underneath it (HCW8083/8084/8100), which callers treat as transient.
 */
export type ExchangeErrorKind = "CmdletError" | "SessionDropped";

export interface ExchangeErrorData {
  kind: ExchangeErrorKind;
  cmdlet: string;
  message: string;
  category: ErrorCategory;
  exceptionType: string;
  errorId: string;
  fullyQualifiedErrorId: string;
  transient: boolean;
}

export interface ExchangeErrorInit {
  cmdlet: string;
  message: string;
  category: ErrorCategory;
  exceptionType: string;
  /** PowerShell's own binding errors carry a plain id ("NamedParameterNotFound"); Exchange's carry a hex id. */
  bindingErrorId?: string;
  kind?: ExchangeErrorKind;
  server?: string;
}

/** Exchange names the cmdlet class in FullyQualifiedErrorId, e.g. Set-RemoteDomain → SetRemoteDomain. */
function cmdletClassName(cmdlet: string): string {
  return `Microsoft.Exchange.Management.SystemConfigurationTasks.${cmdlet.replace("-", "")}`;
}

function shortExceptionName(exceptionType: string): string {
  return exceptionType.slice(exceptionType.lastIndexOf(".") + 1);
}

/** A stable 8-hex id per exception type and cmdlet, like the ids Exchange prints. */
function hexErrorId(exceptionType: string, cmdlet: string): string {
  return createHash("sha1").update(`${exceptionType}|${cmdlet}`).digest("hex").slice(0, 8).toUpperCase();
}

export class ExchangeError extends Error {
  readonly data: ExchangeErrorData;

  constructor(init: ExchangeErrorInit) {
    super(init.message);
    this.name = "ExchangeError";
    const kind = init.kind ?? "CmdletError";
    let errorId: string;
    let fullyQualifiedErrorId: string;
    if (kind === "SessionDropped") {
      errorId = "JobFailure";
      fullyQualifiedErrorId = "JobFailure";
    } else if (init.bindingErrorId) {
      errorId = init.bindingErrorId;
      fullyQualifiedErrorId = `${init.bindingErrorId},${init.cmdlet}`;
    } else {
      errorId = hexErrorId(init.exceptionType, init.cmdlet);
      const stamp = `[Server=${init.server ?? "localhost"},RequestId=${randomUUID()},TimeStamp=${new Date().toISOString()}]`;
      const failure = `[FailureCategory=Cmdlet-${shortExceptionName(init.exceptionType)}]`;
      fullyQualifiedErrorId = `${stamp} ${failure} ${errorId},${cmdletClassName(init.cmdlet)}`;
    }
    this.data = {
      kind,
      cmdlet: init.cmdlet,
      message: init.message,
      category: init.category,
      exceptionType: init.exceptionType,
      errorId,
      fullyQualifiedErrorId,
      // A dropped session or an exhausted budget passes; callers may retry both.
      transient: kind === "SessionDropped" || init.category === "LimitsExceeded",
    };
  }

  toJSON(): ExchangeErrorData {
    return this.data;
  }
}

export function isExchangeError(value: unknown): value is ExchangeError {
  return value instanceof ExchangeError;
}
