// Runbox's pre-start hook for Node.js: holds a started runtime just before its program.
//
// The box starts `node main.js` with NODE_OPTIONS="--require /.runbox/prestart/prestart.js" and
// RUNBOX_PRESTART_FD naming a pipe. Node loads this module while it starts, before it loads the program.
// The hook blocks on the pipe until the release arrives (an 8-byte big-endian length, then NUL-terminated
// strings: the working directory, then the program's arguments), enters the directory, appends the
// arguments to process.argv, removes every trace of itself (environment, require.cache, the module
// path cache) and returns: Node then runs the program exactly as a cold start does. On EOF or a malformed
// release it exits at once with status 125 and writes nothing (the run was cancelled).
'use strict';

const fs = require('fs');
const Module = require('module');

const FD_VAR = 'RUNBOX_PRESTART_FD';
const HOOK_VAR = 'NODE_OPTIONS';
const SAVED_VAR = 'RUNBOX_PRESTART_SAVED_' + HOOK_VAR;
const MAX_RELEASE = 1 << 24;

function readExactly(fd, n) {
  const buf = Buffer.alloc(n);
  let have = 0;
  while (have < n) {
    const got = fs.readSync(fd, buf, have, n - have, null);
    if (got === 0) {
      throw new Error('end of release');
    }
    have += got;
  }
  return buf;
}

// The release's directory and arguments.
function readRelease(fd) {
  const length = readExactly(fd, 8).readBigUInt64BE(0);
  if (length === 0n || length > BigInt(MAX_RELEASE)) {
    throw new Error('bad release length');
  }
  const body = readExactly(fd, Number(length));
  if (body[body.length - 1] !== 0) {
    throw new Error('release not NUL-terminated');
  }
  const strings = body.subarray(0, body.length - 1).toString('utf8').split('\0');
  return { dir: strings[0], args: strings.slice(1) };
}

function awaitRelease() {
  try {
    const fd = Number.parseInt(process.env[FD_VAR], 10);
    const release = readRelease(fd);
    fs.closeSync(fd);
    process.chdir(release.dir);
    return release.args;
  } catch {
    process.exit(125);
  }
}

// The preload's parent ('internal/preload') is unreachable from a program, so only the caches need cleaning.
function forgetSelf() {
  delete require.cache[__filename];
  for (const [key, value] of Object.entries(Module._pathCache)) {
    if (value === __filename) {
      delete Module._pathCache[key];
    }
  }
}

function leave() {
  const args = FD_VAR in process.env ? awaitRelease() : [];
  delete process.env[FD_VAR];
  if (SAVED_VAR in process.env) {
    process.env[HOOK_VAR] = process.env[SAVED_VAR]; // in place: the environment keeps the cold start's order
    delete process.env[SAVED_VAR];
  } else {
    delete process.env[HOOK_VAR];
  }
  process.argv.push(...args);
  forgetSelf();
}

leave();
