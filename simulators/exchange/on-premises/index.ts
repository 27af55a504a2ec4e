export { type OnPremisesOrganization, openOnPremisesOrganization } from "./open-on-premises-organization";
