import { describe, expect, it } from "vitest";
import { directoryRolesFromWids } from "@/lib/auth/directory-roles";

const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
const EXCHANGE_ADMINISTRATOR = "29232cdf-9323-42fd-ade2-1d097af3e4de";
const MEMBER_USER = "b79fbf4d-3ef9-4689-8143-76b194e85509";
const GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
const APPLICATION_ADMINISTRATOR = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
const HELPDESK_ADMINISTRATOR = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

describe("directory roles from wids", () => {
  it("finds the roles Hybrid Wizard knows and ignores every other one", () => {
    expect(directoryRolesFromWids([MEMBER_USER, EXCHANGE_ADMINISTRATOR, GLOBAL_ADMINISTRATOR])).toEqual([
      "GlobalAdministrator",
      "ExchangeAdministrator",
    ]);
    expect(directoryRolesFromWids([MEMBER_USER, GLOBAL_READER, HELPDESK_ADMINISTRATOR])).toEqual([
      "GlobalReader",
    ]);
    expect(directoryRolesFromWids([EXCHANGE_ADMINISTRATOR.toUpperCase()])).toEqual(["ExchangeAdministrator"]);
    expect(directoryRolesFromWids([APPLICATION_ADMINISTRATOR, MEMBER_USER])).toEqual([
      "ApplicationAdministrator",
    ]);
  });
});
