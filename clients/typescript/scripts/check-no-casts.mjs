// Fails when a source file escapes the generated types: `as` / `<T>` casts, non-null
// assertions (`x!`), `any`, or @ts-ignore / @ts-expect-error / @ts-nocheck comments.
//   node scripts/check-no-casts.mjs src/example.ts
import { readFileSync } from "node:fs";
import ts from "typescript";

let found = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const report = (node, what) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    console.log(`${file}:${line + 1}:${character + 1}: ${what}: ${node.getText(source)}`);
    found += 1;
  };
  const visit = (node) => {
    if (ts.isAsExpression(node)) report(node, "`as` cast");
    else if (ts.isTypeAssertionExpression(node)) report(node, "`<T>` cast");
    else if (ts.isNonNullExpression(node)) report(node, "non-null assertion");
    else if (node.kind === ts.SyntaxKind.AnyKeyword) report(node, "`any`");
    ts.forEachChild(node, visit);
  };
  visit(source);
  text.split("\n").forEach((line, i) => {
    if (/@ts-(ignore|expect-error|nocheck)/.test(line)) {
      console.log(`${file}:${i + 1}: type-check suppression: ${line.trim()}`);
      found += 1;
    }
  });
}
if (found > 0) {
  console.log(`${found} cast(s) or suppression(s): use the generated types instead`);
  process.exit(1);
}
