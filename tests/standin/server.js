#!/usr/bin/env node
// A loopback Taskcluster stand-in for tcguard's tests. It verifies Hawk with the `hawk` npm package
// and temporary-credential certificates with its own code, independently of tcguard's signing, and
// enforces the scopes of each route with taskcluster-lib-scopes.
//
// usage: node server.js FIXTURE.json   (NODE_PATH must find `hawk` and `taskcluster-lib-scopes`)
// Prints "PORT <n>" on stdout when listening on 127.0.0.1:<n>; exits when stdin closes, after
// MAX_REQUESTS requests, or after LIFETIME_MS.
//
// Fixture: {"clients": [{"clientId", "accessToken", "scopes", "created"?, "expires"?}],
//           "roles": [{"roleId", "scopes"}], "tasks": {"<taskId>": {"task": {...}, "status": {...}}},
//           "inject": [{"status": 500, "count": 2, "path": "/api/auth/..." (prefix, optional),
//                       "delayMs": 0, "drop": false}],
//           "anonymousScopes": [...],
//           "hooks": {"<hookGroupId>/<hookId>": {"triggerSchema": {...}, "task": <JSON-e template>,
//                     "taskState": "pending"}}}
//   A task record may hold "artifacts": {"public/actions.json": <JSON>}: the queue answers an
//   artifact request with a 303 to a second loopback server playing storage, which logs every
//   request ({server: "storage", authorization}) and refuses (400) any that carries an
//   Authorization header: credentials must never reach storage.
//   hooks.triggerHook checks Hawk and hooks:trigger-hook:<g>/<h>, validates the payload against the
//   hook's triggerSchema (ajv, defaults applied), renders the hook's task with npm json-e in
//   {firedBy, payload, clientId, taskId, now} and stores the created task.
// Control (no Hawk, loopback only): POST /__control/inject {same as an "inject" entry},
//   GET /__control/log -> [{method, url, clientId, status}], POST /__control/reset-log,
//   GET /__control/fired -> [{hook, payload, clientId, taskId, task}] (every hook fired),
//   POST /__control/refuse (stop listening: later connections are refused).
'use strict';

const http = require('http');
const crypto = require('crypto');
const fs = require('fs');
const hawk = require('hawk');
const scopes = require('taskcluster-lib-scopes');
const jsone = require('json-e');
const Ajv = require('ajv');

const MAX_REQUESTS = 2000;
const MAX_BODY = 1 << 20;
const LIFETIME_MS = 10 * 60 * 1000;
const SKEW_SEC = 15 * 60;

const fixture = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const clients = new Map((fixture.clients || []).map(c => [c.clientId, c]));
const roles = fixture.roles || [];
const tasks = fixture.tasks || {};
const injections = (fixture.inject || []).map(i => ({...i}));
const log = [];
const hooks = fixture.hooks || {};
const fired = [];
let storagePort = 0;
const seenNonces = new Set();
let requestCount = 0;

// Role expansion, enough for tests: exact role ids and `prefix*` role ids, to a fixed point.
function expand(input) {
  const have = new Set(input);
  let changed = true;
  for (let round = 0; changed && round < 100; round++) {
    changed = false;
    for (const s of [...have]) {
      if (!s.startsWith('assume:')) continue;
      const wanted = s.slice('assume:'.length);
      for (const role of [...roles, {roleId: 'anonymous', scopes: anonymousScopes()}]) {
        const id = role.roleId;
        const match = id.endsWith('*') ? wanted.startsWith(id.slice(0, -1)) : wanted === id ||
          (wanted.endsWith('*') && id.startsWith(wanted.slice(0, -1)));
        if (!match) continue;
        for (const granted of role.scopes) {
          if (!have.has(granted)) { have.add(granted); changed = true; }
        }
      }
    }
  }
  return [...have].sort();
}

function clientScopes(client) {
  return expand([...(client.scopes || []), 'assume:anonymous']);
}

function anonymousScopes() {
  return fixture.anonymousScopes || [
    'queue:get-task:*', 'queue:status:*', 'queue:list-task-group:*',
    'auth:current-scopes', 'auth:expand-scopes', 'auth:get-client:*',
  ];
}

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

function fail(res, status, code, message) {
  reply(res, status, {code, message, requestInfo: {}});
}

function b64url(buf) {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Parses `ext` by hand from the header (needed before hawk asks for the key of a temporary client).
function extOf(header) {
  const m = /(?:^|[\s,])ext="([^"]*)"/.exec(header || '');
  if (!m) return {};
  try {
    return JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
  } catch (e) {
    throw Object.assign(new Error('ext is not base64 JSON'), {code: 'AuthenticationFailed'});
  }
}

// Verifies a temporary-credential certificate (TASKCLUSTER.md §6) and returns {key, scopes}.
function verifyCertificate(cert, clientId) {
  const bad = msg => Object.assign(new Error(msg), {code: 'AuthenticationFailed'});
  if (typeof cert !== 'object' || cert === null) throw bad('certificate is not an object');
  if (cert.version !== 1) throw bad('certificate version must be 1');
  if (typeof cert.seed !== 'string' || cert.seed.length !== 44) throw bad('certificate seed must be 44 chars');
  if (!Array.isArray(cert.scopes)) throw bad('certificate scopes must be a list');
  if (!Number.isInteger(cert.start) || !Number.isInteger(cert.expiry)) throw bad('certificate times must be integers');
  const now = Date.now();
  if (cert.start > now + SKEW_SEC * 1000) throw bad('certificate not yet valid');
  if (cert.expiry < now - SKEW_SEC * 1000) throw bad('certificate has expired');
  if (cert.expiry - cert.start > 31 * 24 * 3600 * 1000) throw bad('certificate lives longer than 31 days');
  const issuerId = cert.issuer !== undefined ? cert.issuer : clientId;
  const issuer = clients.get(issuerId);
  if (!issuer) throw bad('unknown certificate issuer');
  const lines = ['version:1'];
  if (cert.issuer !== undefined) {
    lines.push('clientId:' + clientId, 'issuer:' + cert.issuer);
  }
  lines.push('seed:' + cert.seed, 'start:' + cert.start, 'expiry:' + cert.expiry, 'scopes:');
  const text = lines.join('\n') + '\n' + cert.scopes.join('\n');
  const expected = crypto.createHmac('sha256', issuer.accessToken).update(text).digest('base64');
  const a = Buffer.from(expected), b = Buffer.from(String(cert.signature));
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) throw bad('certificate signature is wrong');
  const issuerScopes = clientScopes(issuer);
  if (!scopes.satisfiesExpression(issuerScopes, {AllOf: cert.scopes})) throw bad('issuer lacks the certificate scopes');
  if (cert.issuer !== undefined &&
      !scopes.satisfiesExpression(issuerScopes, 'auth:create-client:' + clientId)) {
    throw bad('issuer may not name temporary credentials ' + clientId);
  }
  const key = b64url(crypto.createHmac('sha256', issuer.accessToken).update(cert.seed).digest());
  return {key, scopes: expand([...cert.scopes, 'assume:anonymous'])};
}

// Authenticates the request: returns {clientId, scopes} (anonymous when no Authorization header).
async function authenticate(req, body) {
  const header = req.headers.authorization;
  if (!header) return {clientId: null, scopes: expand(['assume:anonymous'])};
  const ext = extOf(header);
  let found = null;
  const {credentials, artifacts} = await hawk.server.authenticate(req, async id => {
    if (ext.certificate) {
      const {key, scopes: certScopes} = verifyCertificate(ext.certificate, id);
      found = {clientId: id, scopes: certScopes};
      return {id, key, algorithm: 'sha256'};
    }
    const client = clients.get(id);
    if (!client) return null;
    if (client.expires && Date.parse(client.expires) < Date.now()) throw new Error('client expired');
    found = {clientId: id, scopes: clientScopes(client)};
    return {id, key: client.accessToken, algorithm: 'sha256'};
  }, {
    timestampSkewSec: SKEW_SEC,
    nonceFunc: async (key, nonce, ts) => {
      const k = key.slice(0, 8) + ':' + nonce + ':' + ts;
      if (seenNonces.has(k)) throw new Error('replayed nonce');
      seenNonces.add(k);
    },
  });
  if (body.length > 0) {
    if (!artifacts.hash) throw new Error('missing payload hash');
    hawk.server.authenticatePayload(body, credentials, artifacts, req.headers['content-type']);
  }
  if (ext.authorizedScopes) {
    if (!Array.isArray(ext.authorizedScopes) ||
        !scopes.satisfiesExpression(found.scopes, {AllOf: ext.authorizedScopes})) {
      throw new Error('authorizedScopes not satisfied by the client');
    }
    found.scopes = expand(ext.authorizedScopes);
  }
  return found;
}

function requireScopes(res, who, expression) {
  if (scopes.satisfiesExpression(who.scopes, expression)) return true;
  const missing = scopes.removeGivenScopes(who.scopes, expression);
  fail(res, 403, 'InsufficientScopes',
    `Client ${who.clientId || 'anonymous'} lacks scopes: ${JSON.stringify(missing)}`);
  return false;
}

function taskRecord(res, taskId) {
  const rec = tasks[taskId];
  if (!rec) { fail(res, 404, 'ResourceNotFound', `Task ${taskId} not found`); return null; }
  return rec;
}

function actOn(verb, rec, taskId) {
  const t = rec.task;
  const sched = t.schedulerId || '-', group = t.taskGroupId, project = t.projectId || 'none';
  return {AnyOf: [
    `queue:${verb}:${sched}/${group}/${taskId}`,
    `queue:${verb}-in-project:${project}`,
    {AllOf: [`queue:${verb}`, `assume:scheduler-id:${sched}/${group}`]},
  ]};
}

const PRIORITIES = ['highest', 'very-high', 'high', 'medium', 'low', 'very-low', 'lowest'];

function createScopes(t) {
  const prio = t.priority || 'lowest';
  const idx = PRIORITIES.indexOf(prio);
  const queue = t.taskQueueId || `${t.provisionerId}/${t.workerType}`;
  return {AllOf: [
    ...(t.scopes || []),
    ...(t.routes || []).map(r => `queue:route:${r}`),
    `queue:create-task:project:${t.projectId || 'none'}`,
    `queue:scheduler-id:${t.schedulerId || '-'}`,
    {AnyOf: PRIORITIES.slice(0, idx + 1).map(p => `queue:create-task:${p}:${queue}`)},
  ]};
}

function statusOf(taskId, rec) {
  return {taskId, state: 'pending', runs: [], ...(rec.status || {})};
}

async function route(req, res, body, who) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const p = url.pathname.split('/').map(s => decodeURIComponent(s));
  // ['', 'api', service, 'v1', ...]
  if (p[1] !== 'api' || p[3] !== 'v1') return fail(res, 404, 'ResourceNotFound', 'no such route');
  const service = p[2], rest = p.slice(4), m = req.method;
  if (service === 'auth') {
    if (m === 'GET' && rest[0] === 'scopes' && rest[1] === 'current' && rest.length === 2) {
      if (!requireScopes(res, who, 'auth:current-scopes')) return;
      return reply(res, 200, {scopes: who.scopes});
    }
    if (m === 'POST' && rest[0] === 'scopes' && rest[1] === 'expand' && rest.length === 2) {
      if (!requireScopes(res, who, 'auth:expand-scopes')) return;
      const input = JSON.parse(body || '{}').scopes || [];
      return reply(res, 200, {scopes: expand(input)});
    }
    if (m === 'GET' && rest[0] === 'clients' && rest.length === 2) {
      const id = rest[1];
      if (!requireScopes(res, who, `auth:get-client:${id}`)) return;
      const c = clients.get(id);
      if (!c) return fail(res, 404, 'ResourceNotFound', `Client ${id} not found`);
      return reply(res, 200, {
        clientId: id, description: '', disabled: false, deleteOnExpiration: !!c.deleteOnExpiration,
        created: c.created || new Date(Date.now() - 3600e3).toISOString(),
        expires: c.expires || new Date(Date.now() + 3600e3).toISOString(),
        lastModified: c.created || new Date().toISOString(), lastDateUsed: new Date().toISOString(),
        lastRotated: c.created || new Date().toISOString(),
        scopes: c.scopes || [], expandedScopes: clientScopes(c),
      });
    }
  }
  if (service === 'queue') {
    if (rest[0] === 'task' && rest.length >= 2) {
      const taskId = rest[1];
      if (m === 'GET' && rest.length === 2) {
        if (!requireScopes(res, who, `queue:get-task:${taskId}`)) return;
        const rec = taskRecord(res, taskId); if (!rec) return;
        return reply(res, 200, rec.task);
      }
      if (m === 'GET' && rest[2] === 'status' && rest.length === 3) {
        if (!requireScopes(res, who, `queue:status:${taskId}`)) return;
        const rec = taskRecord(res, taskId); if (!rec) return;
        return reply(res, 200, {status: statusOf(taskId, rec)});
      }
      if (m === 'POST' && (rest[2] === 'rerun' || rest[2] === 'cancel') && rest.length === 3) {
        const rec = taskRecord(res, taskId); if (!rec) return;
        if (!requireScopes(res, who, actOn(rest[2] === 'rerun' ? 'rerun-task' : 'cancel-task', rec, taskId))) return;
        rec.status = {...statusOf(taskId, rec), state: rest[2] === 'rerun' ? 'pending' : 'exception'};
        return reply(res, 200, {status: rec.status});
      }
      if (m === 'GET' && rest[2] === 'artifacts' && rest.length >= 4) {
        const name = rest.slice(3).join('/');
        // Names under public/ need no scopes (as the queue); others need queue:get-artifact:<name>.
        if (!name.startsWith('public/') && !requireScopes(res, who, `queue:get-artifact:${name}`)) return;
        const rec = taskRecord(res, taskId); if (!rec) return;
        if (!rec.artifacts || !(name in rec.artifacts)) {
          return fail(res, 404, 'ResourceNotFound', `Artifact ${name} not found for task ${taskId}`);
        }
        const location = `http://127.0.0.1:${storagePort}/${encodeURIComponent(taskId)}/${name}`;
        res.writeHead(303, {Location: location, 'Content-Type': 'application/json'});
        return res.end(JSON.stringify({storageType: 's3', url: location}));
      }
      if (m === 'PUT' && rest.length === 2) {
        let def;
        try { def = JSON.parse(body); } catch (e) { return fail(res, 400, 'InputError', 'body is not JSON'); }
        if (!requireScopes(res, who, createScopes(def))) return;
        tasks[taskId] = {task: def, status: {taskId, state: 'pending', runs: []}};
        return reply(res, 200, {status: tasks[taskId].status});
      }
    }
    if (m === 'GET' && rest[0] === 'task-group' && rest[2] === 'list' && rest.length === 3) {
      const group = rest[1];
      if (!requireScopes(res, who, `queue:list-task-group:${group}`)) return;
      const list = Object.entries(tasks).filter(([, r]) => r.task.taskGroupId === group)
        .map(([id, r]) => ({status: statusOf(id, r), task: r.task}));
      return reply(res, 200, {taskGroupId: group, tasks: list});
    }
  }
  if (service === 'hooks' && m === 'POST' && rest[0] === 'hooks' && rest[3] === 'trigger' && rest.length === 4) {
    return triggerHook(res, body, who, rest[1], rest[2]);
  }
  return fail(res, 404, 'ResourceNotFound', 'no such route');
}

function slugid() {
  return b64url(crypto.randomBytes(16));
}

function triggerHook(res, body, who, hookGroupId, hookId) {
  if (!requireScopes(res, who, `hooks:trigger-hook:${hookGroupId}/${hookId}`)) return;
  const hook = hooks[`${hookGroupId}/${hookId}`];
  if (!hook) return fail(res, 404, 'ResourceNotFound', `No such hook ${hookGroupId}/${hookId}`);
  let payload;
  try { payload = JSON.parse(body || '{}'); } catch (e) { return fail(res, 400, 'InputError', 'payload is not JSON'); }
  const validate = new Ajv({useDefaults: true, strict: false, allErrors: true}).compile(hook.triggerSchema || {});
  if (!validate(payload)) {
    return fail(res, 400, 'InputError', `Payload does not match the hook's triggerSchema: ${JSON.stringify(validate.errors)}`);
  }
  const taskId = slugid();
  let task;
  try {
    task = jsone(hook.task, {firedBy: 'triggerHook', payload, clientId: who.clientId, taskId, now: new Date().toISOString()});
  } catch (e) {
    return fail(res, 400, 'InputError', `Hook template: ${e.message}`);
  }
  const status = {taskId, state: hook.taskState || 'pending', runs: []};
  tasks[taskId] = {task, status};
  fired.push({hook: `${hookGroupId}/${hookId}`, payload, clientId: who.clientId, taskId, task});
  return reply(res, 200, {taskId, status});
}

// Storage: serves the artifacts of the fixture's tasks, and refuses (and logs) any credentials.
const storage = http.createServer((req, res) => {
  const entry = {server: 'storage', method: req.method, url: req.url, authorization: !!req.headers.authorization, status: 0};
  log.push(entry);
  if (req.headers.authorization) {
    entry.status = 400;
    return fail(res, 400, 'CredentialsSentToStorage', 'storage must never receive an Authorization header');
  }
  const parts = req.url.split('/');
  const taskId = decodeURIComponent(parts[1] || '');
  const name = parts.slice(2).join('/');
  const rec = tasks[taskId];
  if (!rec || !rec.artifacts || !(name in rec.artifacts)) { entry.status = 404; return fail(res, 404, 'NoSuchKey', 'no such object'); }
  entry.status = 200;
  return reply(res, 200, rec.artifacts[name]);
});

function matchInjection(url) {
  for (const inj of injections) {
    if (inj.count > 0 && (!inj.path || url.startsWith(inj.path))) return inj;
  }
  return null;
}

const server = http.createServer((req, res) => {
  if (++requestCount > MAX_REQUESTS) { res.destroy(); process.exit(0); }
  const chunks = [];
  let size = 0;
  req.on('data', c => {
    size += c.length;
    if (size > MAX_BODY) { req.destroy(); return; }
    chunks.push(c);
  });
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const entry = {method: req.method, url: req.url, clientId: null, status: 0};
    try {
      if (req.url.startsWith('/__control/')) {
        if (req.url === '/__control/log') return reply(res, 200, log);
        if (req.url === '/__control/fired') return reply(res, 200, fired);
        if (req.url === '/__control/reset-log') { log.length = 0; return reply(res, 200, {}); }
        if (req.url === '/__control/inject') { injections.push(JSON.parse(body)); return reply(res, 200, {}); }
        if (req.url === '/__control/refuse') {
          // Stop listening: from now on connections are refused (the process lives on until stdin closes).
          res.on('finish', () => { server.close(); server.closeAllConnections(); });
          return reply(res, 200, {});
        }
        return fail(res, 404, 'ResourceNotFound', 'no such control');
      }
      log.push(entry);
      const inj = matchInjection(req.url);
      if (inj) {
        inj.count--;
        if (inj.delayMs) await new Promise(r => setTimeout(r, inj.delayMs));
        if (inj.drop) { entry.status = -1; res.socket.destroy(); return; }
        if (inj.status) {
          entry.status = inj.status;
          return fail(res, inj.status, 'InjectedFailure', 'injected by the stand-in');
        }
      }
      let who;
      try {
        who = await authenticate(req, body);
      } catch (e) {
        entry.status = 401;
        // Like the services, never echo the Authorization header back.
        return fail(res, 401, 'AuthenticationFailed', `Authentication failed: ${e.message}`);
      }
      entry.clientId = who.clientId;
      const end = res.end.bind(res);
      res.end = (...args) => { entry.status = res.statusCode; return end(...args); };
      await route(req, res, body, who);
    } catch (e) {
      entry.status = 500;
      if (!res.headersSent) fail(res, 500, 'InternalServerError', String(e.message));
    }
  });
});

storage.listen(0, '127.0.0.1', () => {
  storagePort = storage.address().port;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`PORT ${server.address().port}\n`);
  });
});
// The test owns this process: it ends when the test closes our stdin, or after a bounded life.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), LIFETIME_MS).unref();
