// Answers scope-algebra cases with the real taskcluster-lib-scopes, for the differential test.
// Usage: node compare.js <node_modules folder> < cases.json   (a JSON array of cases)
// Prints a JSON array with one answer per case, in order.
'use strict';
const path = require('path');
const lib = require(path.join(process.argv[2], 'taskcluster-lib-scopes'));

const normalized = scopes => lib.normalizeScopeSet([...scopes].sort(lib.scopeCompare));

const validExpression = text => {
  try {
    return lib.validExpression(JSON.parse(text));
  } catch (err) {
    return false;
  }
};

const answer = c => {
  switch (c.op) {
    case 'valid': return lib.validScope(c.scope);
    case 'validExpression': return validExpression(c.text);
    case 'satisfies': return lib.satisfiesExpression(c.held, c.expr);
    case 'satisfying': {
      const r = lib.scopesSatisfying(c.held, c.expr);
      return r === undefined ? null : r;
    }
    case 'remove': return lib.removeGivenScopes(c.held, c.expr);
    case 'sort': return [...c.a].sort(lib.scopeCompare);
    case 'compare': return Math.sign(lib.scopeCompare(c.x, c.y));
    case 'normalize': return normalized(c.a);
    case 'merge': return lib.scopeUnion([...c.a], [...c.b]);
    case 'intersect': return normalized(lib.scopeIntersection(c.a, c.b));
    default: throw new Error(`unknown op ${c.op}`);
  }
};

const chunks = [];
process.stdin.on('data', d => chunks.push(d));
process.stdin.on('end', () => {
  const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  process.stdout.write(JSON.stringify(cases.map(answer)));
});
