import { JsonFileStore } from "../../shared/json-file-store";
import { type OrganizationState, ZOrganizationStateSchema } from "./organization-state";

/** One Exchange organization's state in one JSON file (see JsonFileStore). */
export class OrganizationStore extends JsonFileStore<OrganizationState> {
  constructor(file: string) {
    super(file, ZOrganizationStateSchema, "simulated Exchange organization");
  }
}
