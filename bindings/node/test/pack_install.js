// `npm pack`, then `npm install ./sendpolicy-<version>.tgz` in an empty
// folder, exactly as a user would: the tarball carries the library's sources
// and builds them (npm fetches node-addon-api and node-api-headers from the
// registry). The installed package must then give the CLI's bytes.
// Slow (it compiles the library): ctest node.pack_install, label install.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { CAMPAIGN, CAMPAIGN_POLICY, needsCli, cliAudit } = require('./support');

const packageDir = path.resolve(__dirname, '..');
const { version } = require('../package.json');

test('the packed tarball installs into an empty folder and works', needsCli, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sendpolicy-pack-'));
  try {
    // Not the build tree's addon: the installed package must load its own.
    const env = { ...process.env };
    delete env.SENDPOLICY_NODE_ADDON;
    execFileSync('npm', ['pack', '--pack-destination', tmp, '--loglevel=error'],
                 { cwd: packageDir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = `sendpolicy-${version}.tgz`;
    assert.ok(fs.existsSync(path.join(tmp, tarball)));
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    // Unoptimised (Debug): this test checks that the tarball builds and gives
    // the CLI's bytes, not its speed, and compiles ~30% faster than -O3. The
    // other node tests run the optimised addon of the build under test.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `../${tarball}`],
                 { cwd: app,
                   env: { ...env, SENDPOLICY_BUILD_JOBS: env.SENDPOLICY_BUILD_JOBS || '2',
                          SENDPOLICY_BUILD_TYPE: env.SENDPOLICY_BUILD_TYPE || 'Debug' },
                   stdio: ['ignore', 'inherit', 'inherit'] });
    const script = `
      const sp = require('sendpolicy');
      const fs = require('fs');
      const policy = sp.loadPolicy(fs.readFileSync(process.argv[1], 'utf8'));
      process.stdout.write(sp.auditLines(fs.readFileSync(process.argv[2]), { policy }));`;
    const got = execFileSync(process.execPath, ['-e', script, CAMPAIGN_POLICY, CAMPAIGN],
                             { cwd: app, env, maxBuffer: 1 << 30 });
    assert.ok(got.equals(cliAudit(CAMPAIGN, { policy: CAMPAIGN_POLICY })));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
