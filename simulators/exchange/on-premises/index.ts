export type { CmdletLogEntry } from "./cmdlet-log";
export {
  type OnPremisesOrganization,
  type OnPremisesSession,
  openOnPremisesOrganization,
} from "./open-on-premises-organization";
