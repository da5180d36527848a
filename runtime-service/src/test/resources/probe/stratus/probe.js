'use strict';
// A stand-in function server for sandbox tests: speaks the wrapper protocol (STRATUS_READY once listening on
// FN_SOCKET) and answers probes of what the sandbox allows.
//   GET /read?path=P      -> 200 with the file's first bytes, or 500 with the error code
//   GET /write?path=P     -> 200 if P could be created, or 500 with the error code
//   GET /whoami           -> {"uid":..,"gid":..,"pid":..}
//   GET /spawn?n=N        -> starts N sleeping processes: {"spawned":..,"refused":..}
//   GET /replace-socket?target=P -> replaces its own socket with a link to P (what a hostile function would try)
//   GET /env?name=N       -> the variable's value
//   GET /hog?mb=N         -> allocates and touches N MiB, then answers
const http = require('http');
const fs = require('fs');

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://fn');
  const reply = (status, body) => {
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': bytes.length });
    res.end(bytes);
  };
  try {
    switch (url.pathname) {
      case '/read': return reply(200, fs.readFileSync(url.searchParams.get('path')).subarray(0, 64).toString());
      case '/list': return reply(200, fs.readdirSync(url.searchParams.get('path')).join('\n'));
      case '/write': fs.writeFileSync(url.searchParams.get('path'), 'x'); return reply(200, 'written');
      case '/replace-socket': {
        fs.unlinkSync(process.env.FN_SOCKET);
        fs.symlinkSync(url.searchParams.get('target'), process.env.FN_SOCKET);
        return reply(200, 'replaced');
      }
      case '/spawn': {
        const counts = { spawned: 0, refused: 0 };
        for (let i = 0; i < Number(url.searchParams.get('n')); i++) {
          const child = require('child_process').spawn('/usr/bin/sleep', ['30'], { stdio: 'ignore' });
          child.on('error', () => {});
          if (child.pid) counts.spawned++; else counts.refused++;
        }
        return reply(200, counts);
      }
      case '/whoami': return reply(200, { uid: process.getuid(), gid: process.getgid(), pid: process.pid });
      case '/env': return reply(200, String(process.env[url.searchParams.get('name')]));
      case '/hog': {
        const chunks = [];
        for (let i = 0; i < Number(url.searchParams.get('mb')); i++) chunks.push(Buffer.alloc(1024 * 1024, 1));
        return reply(200, 'allocated ' + chunks.length);
      }
      default: return reply(404, 'unknown probe');
    }
  } catch (err) {
    return reply(500, err.code || String(err));
  }
});
server.listen(process.env.FN_SOCKET, () => process.stdout.write('STRATUS_READY\n'));
