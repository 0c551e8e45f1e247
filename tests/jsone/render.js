// Renders a batch of JSON-e cases with the reference, npm json-e, for the differential test.
// Usage: node render.js <node_modules folder> < cases.jsonl   (one {"template", "context"} a line)
// Prints one line per case: {"ok": result} or {"error": class, "message": text}.
// Where the reference crashes (a TypeError reading a syntax node it did not build, a RangeError
// from range()), the class is the one tcguard reports for the same input (docs/jsone.md).
'use strict';
const path = require('path');
const fs = require('fs');
const jsone = require(path.join(process.argv[2], 'json-e'));

const classify = err => {
  const name = err && err.name;
  if (['SyntaxError', 'InterpreterError', 'TemplateError', 'BuiltinError'].includes(name) && err.location) return name;
  const msg = String(err && err.message);
  if (name === 'TypeError' && /reading '(kind|constructorName|value)'/.test(msg)) return 'SyntaxError';
  if (name === 'TypeError' && /reading 'split'/.test(msg)) return 'BuiltinError';
  if (name === 'RangeError' && /Invalid array length/.test(msg)) return 'BuiltinError';
  if (name === 'Error' && /isn't a time expression/.test(msg)) return 'TemplateError';
  return 'Unexpected' + name;
};

const lines = fs.readFileSync(0, 'utf8').split('\n').filter(l => l.length > 0);
const out = [];
for (const line of lines) {
  const c = JSON.parse(line);
  // The reference can change the context it was given ($mergeDeep shifts the array it merges,
  // and `$eval` hands out the context's own array), so that a later use of the same value sees
  // less: such an answer depends on evaluation order inside json-e, not on the input. Reported
  // as "mutated"; the test leaves such a case out only where the two answers differ.
  const before = JSON.stringify(c.context);
  let answer;
  try {
    const r = jsone(c.template, c.context);
    answer = {ok: r === undefined ? null : r};
  } catch (err) {
    answer = {error: classify(err), message: String(err)};
  }
  if (JSON.stringify(c.context) !== before) answer.mutated = true;
  out.push(JSON.stringify(answer));
}
process.stdout.write(out.join('\n') + '\n');
