#!/usr/bin/env node
// `npm pack` step: copies the library's sources into deps/sendpolicy, so the
// tarball builds on its own (`npm install ./sendpolicy-<version>.tgz` in any
// folder) without the repository around it.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const repo = path.resolve(root, '..', '..');
const target = path.join(root, 'deps', 'sendpolicy');
fs.rmSync(target, { recursive: true, force: true });
for (const part of ['CMakeLists.txt', 'LICENSE', 'cmake', 'include', 'src']) {
  fs.cpSync(path.join(repo, part), path.join(target, part), { recursive: true });
}
fs.copyFileSync(path.join(repo, 'LICENSE'), path.join(root, 'LICENSE'));
