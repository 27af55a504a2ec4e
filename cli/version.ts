import packageJson from "../package.json" with { type: "json" };

/** The command line ships with the service: its version is the product's. */
export const CLI_VERSION: string = packageJson.version;
