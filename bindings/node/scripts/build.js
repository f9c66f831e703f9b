#!/usr/bin/env node
// `npm install` / `npm ci` step: builds build/sendpolicy.node with CMake from
// the library's sources (deps/sendpolicy in a packed tarball, else the
// repository this folder sits in) and the Node-API headers npm installed
// (node-addon-api, node-api-headers). Nothing is downloaded here; the C++
// dependencies are the Debian packages scripts/install-deps installs.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`, { paths: [root] }));

function sourceDir() {
  const candidates = [path.join(root, 'deps', 'sendpolicy'), path.resolve(root, '..', '..')];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'include', 'sendpolicy', 'sendpolicy.h'))) return dir;
  }
  throw new Error(`sendpolicy: no library sources in ${candidates.join(' or ')}`);
}

function run(command, args) {
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.error) throw new Error(`sendpolicy: cannot run ${command}: ${r.error.message}`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function hasNinja() {
  return spawnSync('ninja', ['--version'], { stdio: 'ignore' }).status === 0;
}

const build = process.env.SENDPOLICY_NODE_BUILD_DIR || path.join(root, 'build');
const jobs = process.env.SENDPOLICY_BUILD_JOBS || String(os.availableParallelism?.() ?? os.cpus().length);
// A CMake build type; Release unless asked (Debug for a debugger, or for a
// test that only checks the package builds and answers: it compiles faster).
const buildType = process.env.SENDPOLICY_BUILD_TYPE || 'Release';
run('cmake', [
  '-S', root, '-B', build,
  ...(hasNinja() ? ['-G', 'Ninja'] : []),
  `-DCMAKE_BUILD_TYPE=${buildType}`,
  `-DSENDPOLICY_SOURCE_DIR=${sourceDir()}`,
  `-DNODE_ADDON_API_DIR=${packageDir('node-addon-api')}`,
  `-DNODE_API_HEADERS_DIR=${packageDir('node-api-headers')}`,
]);
run('cmake', ['--build', build, '--parallel', jobs]);
