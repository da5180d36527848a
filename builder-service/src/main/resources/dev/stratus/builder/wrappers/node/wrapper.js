'use strict';
// Stratus Node.js runtime wrapper.
//
// Started by the platform as `/usr/bin/node /stratus/wrapper.js` inside the sandbox, with the
// working directory set to the code dir. Loads the user's handler (FN_HANDLER, Scaleway style
// `<relative path>.<export>`), listens with HTTP/1.1 on the unix socket FN_SOCKET and translates
// every request into a Scaleway-style event and the handler's result back into an HTTP response.
//
// Protocol with the platform:
//   - on success: prints exactly `STRATUS_READY` on stdout once the socket is listening;
//   - when the handler cannot be loaded: prints one line `STRATUS_HANDLER_ERROR: <reason>` on
//     stderr and exits with code 3.
// Stem mode (FN_STEM=1), for starting before the function is known: listens and prints
// `STRATUS_READY` without loading any handler (after one request to itself, see warmUp), and
// answers 503 to everything but `POST /__stratus/specialize` with `{"handler": ..., "env": {...}}`.
// That request merges env into the process environment and loads the handler from the code dir
// as a normal start would: 200 once loaded, after which the instance serves the function and
// refuses (409) to be specialized again; or 422 `{"error": <reason>}` followed by the same
// STRATUS_HANDLER_ERROR line and exit 3.
// Only node core modules are used (the wrapper must start fast and carry no dependencies).

const http = require('http');
const fs = require('fs');
const path = require('path');

const HANDLER_ERROR_EXIT = 3;

const SPECIALIZE_PATH = '/__stratus/specialize';
const WARM_UP_PATH = '/__stratus/warm-up';

const env = process.env;
const socketPath = env.FN_SOCKET;
let handlerSpec;
let codeDir;
let memoryLimitInMb;
let functionName;

// (Re)reads the function's settings: at start, or once a stem-mode wrapper is given its function.
function configure() {
  handlerSpec = env.FN_HANDLER || '';
  codeDir = path.resolve(env.FN_CODE_DIR || process.cwd());
  memoryLimitInMb = toInt(env.FN_MEMORY_MB);
  functionName = env.FN_NAME || '';
}

function newContext() {
  return { memoryLimitInMb, functionName, functionVersion: '' };
}

function toInt(value) {
  const n = parseInt(value, 10);
  return Number.isFinite(n) ? n : 0;
}

function oneLine(text) {
  return String(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function handlerError(reason) {
  process.stderr.write('STRATUS_HANDLER_ERROR: ' + oneLine(reason) + '\n');
  process.exit(HANDLER_ERROR_EXIT);
}

// The handler cannot be loaded; the message is the reason reported to the user.
class HandlerLoadError extends Error {}

function loadFailed(reason) {
  throw new HandlerLoadError(oneLine(reason));
}

function rel(file) {
  return path.relative(codeDir, file).split(path.sep).join('/');
}

// "<file>:<line>" of where a load-time error happened, relative to the code dir, when known.
function errorLocation(err) {
  const stack = typeof (err && err.stack) === 'string' ? err.stack : '';
  // SyntaxErrors from the CommonJS loader start with "<absolute file>:<line>".
  const first = /^(\/[^\n]*?):(\d+)\n/.exec(stack);
  if (first && first[1].startsWith(codeDir + path.sep)) return rel(first[1]) + ':' + first[2];
  const re = /\(?(\/[^():\n]+):(\d+):\d+\)?/g;
  let m;
  while ((m = re.exec(stack)) !== null) {
    if (m[1].startsWith(codeDir + path.sep) && !m[1].includes('/node_modules/')) {
      return rel(m[1]) + ':' + m[2];
    }
  }
  return '';
}

function describeLoadError(err, file) {
  if (!(err instanceof Error)) return 'loading ' + rel(file) + ' failed: ' + String(err);
  const loc = errorLocation(err);
  return (err.name || 'Error') + ': ' + err.message + ' (' + (loc || 'while loading ' + rel(file)) + ')';
}

async function loadHandler() {
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0 || dot === handlerSpec.length - 1) {
    loadFailed(`invalid handler '${handlerSpec}': expected '<file path without extension>.<function>', e.g. 'handler.handle'`);
  }
  const modulePath = handlerSpec.slice(0, dot);
  const exportName = handlerSpec.slice(dot + 1);
  const base = path.resolve(codeDir, modulePath);
  let file = null;
  for (const ext of ['.js', '.cjs', '.mjs']) {
    if (isFile(base + ext)) { file = base + ext; break; }
  }
  if (file === null) loadFailed(`handler file ${modulePath}.js not found`);

  let mod;
  try {
    if (file.endsWith('.mjs')) {
      mod = await importEsm(file);
    } else {
      try {
        mod = require(file);
      } catch (err) {
        if (!err || err.code !== 'ERR_REQUIRE_ESM') throw err;
        mod = await importEsm(file);
      }
    }
  } catch (err) {
    loadFailed(describeLoadError(err, file));
  }
  let fn = mod == null ? undefined : mod[exportName];
  if (fn === undefined && mod && mod.default != null && typeof mod.default === 'object') {
    fn = mod.default[exportName]; // ESM "export default { handle }"
  }
  if (typeof fn !== 'function') {
    loadFailed(`${path.basename(file)} has no function export '${exportName}'` +
        (fn === undefined ? '' : ` (it is ${fn === null ? 'null' : typeof fn})`));
  }
  return fn;
}

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch (e) { return false; }
}

function importEsm(file) {
  const { pathToFileURL } = require('url');
  return import(pathToFileURL(file).href);
}

// ---------------------------------------------------------------- request -> event

const TEXT_TYPES = new Set([
  'application/json', 'application/x-www-form-urlencoded', 'application/xml',
]);

function isTextual(contentType) {
  if (contentType === undefined) return true;
  const media = String(contentType).split(';')[0].trim().toLowerCase();
  return media.startsWith('text/') || TEXT_TYPES.has(media);
}

const { isUtf8 } = require('buffer');
const utf8Check = typeof isUtf8 === 'function'
  ? isUtf8
  : (buf) => { try { new TextDecoder('utf-8', { fatal: true }).decode(buf); return true; } catch (e) { return false; } };

function buildEvent(req, bodyBuf) {
  // headers as received (original case); repeated headers are joined like node does.
  const headers = {};
  const seen = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    const lower = name.toLowerCase();
    const key = seen[lower];
    if (key === undefined) {
      seen[lower] = name;
      headers[name] = raw[i + 1];
    } else {
      headers[key] += (lower === 'cookie' ? '; ' : ', ') + raw[i + 1];
    }
  }
  const url = req.url || '/';
  const q = url.indexOf('?');
  const reqPath = q < 0 ? url : url.slice(0, q);
  const query = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(url.slice(q + 1))) query[k] = v;
  }
  let body = '';
  let isBase64Encoded = false;
  if (bodyBuf.length > 0) {
    if (isTextual(req.headers['content-type']) && utf8Check(bodyBuf)) {
      body = bodyBuf.toString('utf8');
    } else {
      body = bodyBuf.toString('base64');
      isBase64Encoded = true;
    }
  }
  return {
    httpMethod: req.method,
    path: reqPath,
    headers,
    queryStringParameters: query,
    body,
    isBase64Encoded,
    requestContext: { httpMethod: req.method, path: reqPath, stage: '' },
    pathParameters: null,
    stageVariables: {},
  };
}

// ---------------------------------------------------------------- handler invocation

function invoke(fn, event) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err !== undefined && err !== null) reject(err); else resolve(result);
    };
    let ret;
    try {
      ret = fn(event, newContext(), callback);
    } catch (err) {
      callback(err === undefined || err === null ? new Error(String(err)) : err);
      return;
    }
    if (settled) return; // callback called synchronously
    if (ret !== null && (typeof ret === 'object' || typeof ret === 'function') && typeof ret.then === 'function') {
      Promise.resolve(ret).then((v) => callback(null, v), (err) =>
        callback(err === undefined || err === null ? new Error('handler rejected with ' + err) : err));
    } else if (ret === undefined && fn.length >= 3) {
      // callback style: wait for callback(err, result)
    } else {
      callback(null, ret);
    }
  });
}

// ---------------------------------------------------------------- result -> response

const DROPPED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

class ResultError extends Error {}

function isBytes(v) {
  return Buffer.isBuffer(v) || v instanceof Uint8Array;
}

function toJson(value) {
  const s = JSON.stringify(value);
  return s === undefined ? '' : s;
}

function translate(result) {
  const headers = {};
  let status = 200;
  let body;
  let defaultType = null;
  if (result === undefined || result === null) {
    body = Buffer.alloc(0);
  } else if (typeof result === 'string') {
    body = Buffer.from(result, 'utf8');
    defaultType = 'text/plain; charset=utf-8';
  } else if (isBytes(result)) {
    body = Buffer.from(result.buffer, result.byteOffset, result.byteLength);
    defaultType = 'application/octet-stream';
  } else if (typeof result === 'object' && !Array.isArray(result) && 'statusCode' in result) {
    status = Number(result.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new ResultError(`invalid statusCode ${JSON.stringify(result.statusCode)} returned by the handler`);
    }
    const h = result.headers;
    if (h !== undefined && h !== null) {
      if (typeof h !== 'object' || Array.isArray(h)) throw new ResultError('result.headers must be an object');
      for (const name of Object.keys(h)) {
        const value = h[name];
        if (value === undefined || value === null || DROPPED.has(name.toLowerCase())) continue;
        headers[name] = Array.isArray(value) ? value.map(String) : String(value);
      }
    }
    const b = result.body;
    if (b === undefined || b === null) {
      body = Buffer.alloc(0);
    } else if (result.isBase64Encoded === true) {
      if (typeof b !== 'string') throw new ResultError('result.body must be a base64 string when isBase64Encoded is true');
      body = Buffer.from(b, 'base64');
    } else if (typeof b === 'string') {
      body = Buffer.from(b, 'utf8');
    } else if (isBytes(b)) {
      body = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    } else {
      body = Buffer.from(toJson(b), 'utf8');
      defaultType = 'application/json';
    }
  } else {
    body = Buffer.from(toJson(result), 'utf8');
    defaultType = 'application/json';
  }
  if (defaultType !== null && !Object.keys(headers).some((n) => n.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = defaultType;
  }
  return { status, headers, body };
}

function errorMessage(err) {
  if (err instanceof Error) return err.message || err.name || 'Error';
  if (typeof err === 'string') return err;
  try { return JSON.stringify(err); } catch (e) { return String(err); }
}

function logError(err, what) {
  const text = err instanceof Error && err.stack ? err.stack : errorMessage(err);
  process.stderr.write(what + ': ' + text + '\n');
}

function send(res, { status, headers, body }) {
  const noBody = status === 204 || status === 304 || status < 200;
  if (!noBody) headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(noBody ? undefined : body);
}

function sendError(res, err) {
  const body = Buffer.from(JSON.stringify({ error: errorMessage(err) }), 'utf8');
  if (res.headersSent) { res.destroy(); return; }
  try {
    send(res, { status: 500, headers: { 'Content-Type': 'application/json' }, body });
  } catch (e) {
    res.destroy();
  }
}

async function handle(fn, req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const event = buildEvent(req, Buffer.concat(chunks));
  let result;
  try {
    result = await invoke(fn, event);
  } catch (err) {
    logError(err, 'handler error');
    sendError(res, err);
    return;
  }
  try {
    send(res, translate(result));
  } catch (err) {
    logError(err, 'invalid handler result');
    sendError(res, err);
  }
}

// ---------------------------------------------------------------- main

function sendJson(res, status, value, done) {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body, done);
}

function installErrorLogging() {
  // An error thrown asynchronously by user code (timer, emitter) must not kill the instance and
  // the other requests it is serving; log it. The affected request ends on the platform timeout.
  process.on('uncaughtException', (err) => logError(err, 'uncaught exception'));
  process.on('unhandledRejection', (err) => logError(err, 'unhandled rejection'));
}

// Stem mode: what the instance serves once it has been given its function.
const stem = { active: env.FN_STEM === '1', state: 'waiting' };

async function specialize(req, res, serve) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  if (stem.state !== 'waiting') {
    sendJson(res, 409, { error: 'this instance has already been given a function' });
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'POST the function to specialize to' });
    return;
  }
  let request;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (request === null || typeof request !== 'object') throw new Error('not an object');
  } catch (err) {
    sendJson(res, 400, { error: 'invalid specialization request: ' + err.message });
    return;
  }
  stem.state = 'loading'; // from here on the process belongs to this function, whatever happens
  const vars = request.env !== null && typeof request.env === 'object' ? request.env : {};
  for (const name of Object.keys(vars)) env[name] = String(vars[name]);
  if (typeof request.handler === 'string') env.FN_HANDLER = request.handler;
  delete env.FN_STEM;
  configure();
  let fn;
  try {
    fn = await loadHandler();
  } catch (err) {
    if (!(err instanceof HandlerLoadError)) throw err;
    sendJson(res, 422, { error: err.message }, () => handlerError(err.message));
    return;
  }
  installErrorLogging();
  serve(fn);
  stem.state = 'serving';
  sendJson(res, 200, { ready: true });
}

// A stem has time to spare before it is used: one request to itself, through the path a function's
// requests take, loads node's HTTP internals and compiles that path, which would otherwise cost
// the first requests after specialization several milliseconds.
function warmUp(done) {
  let called = false;
  const finish = () => { if (!called) { called = true; done(); } };
  // its own connection, closed after: nothing of it stays in the process the function gets
  const req = http.request({ socketPath, path: WARM_UP_PATH, method: 'POST', agent: false }, (res) => {
    res.resume();
    res.on('end', finish);
  });
  req.on('error', finish);
  req.end('{}');
}

async function main() {
  if (!socketPath) handlerError('FN_SOCKET is not set');
  configure();
  let fn = null;
  if (!stem.active) {
    try {
      fn = await loadHandler();
    } catch (err) {
      if (!(err instanceof HandlerLoadError)) throw err;
      handlerError(err.message);
    }
    installErrorLogging();
  }

  try { fs.unlinkSync(socketPath); } catch (e) { /* no stale socket */ }
  const server = http.createServer((req, res) => {
    if (stem.active && (req.url || '').split('?')[0] === SPECIALIZE_PATH) {
      specialize(req, res, (loaded) => { fn = loaded; })
        .catch((err) => { logError(err, 'specialization failed'); sendError(res, err); });
      return;
    }
    if (fn === null && stem.state === 'waiting' && req.url === WARM_UP_PATH) {
      handle(() => ({ statusCode: 204 }), req, res).catch((err) => sendError(res, err));
      return;
    }
    if (fn === null) {
      req.resume();
      sendJson(res, 503, { error: 'this instance has not been given a function yet' });
      return;
    }
    handle(fn, req, res).catch((err) => { logError(err, 'request failed'); sendError(res, err); });
  });
  server.requestTimeout = 0;
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('error', (err) => {
    process.stderr.write('stratus wrapper: cannot listen on ' + socketPath + ': ' + err.message + '\n');
    process.exit(1);
  });
  server.listen(socketPath, () => {
    if (stem.active) warmUp(() => process.stdout.write('STRATUS_READY\n'));
    else process.stdout.write('STRATUS_READY\n');
  });
}

main();
