import { hashSecret } from "./directory/hash-secret";

// Prints the hash to put in directory.json for a new password or client secret:
//   npx tsx simulators/identity/hash-secret-cli.ts 'the secret'

const secret = process.argv[2];
if (!secret) {
  console.error("Usage: npx tsx simulators/identity/hash-secret-cli.ts '<password or client secret>'");
  process.exit(2);
}
console.log(await hashSecret(secret));
