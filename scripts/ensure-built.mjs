// `npm start` runs this first: builds the server, the web app and the widget when their output is missing or older than
// their sources, so a fresh `npm ci && npm start` works and a second start is instant.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const newest = (dir) => {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
};
const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

const serverOut = mtime(path.join(root, 'apps/server/dist/cli.js'));
const serverIn = Math.max(
  newest(path.join(root, 'apps/server/src')),
  newest(path.join(root, 'packages/shared/src')),
  newest(path.join(root, 'packages/nlp/src')),
);
const webOut = mtime(path.join(root, 'apps/web/dist/index.html'));
const webIn = Math.max(
  newest(path.join(root, 'apps/web/src')),
  newest(path.join(root, 'packages/shared/src')),
);

const widgetOut = Math.min(
  mtime(path.join(root, 'packages/widget/dist/widget.js')),
  mtime(path.join(root, 'packages/widget/dist/frame/index.html')),
);
const widgetIn = newest(path.join(root, 'packages/widget/src'));

if (serverOut < serverIn) {
  console.log('Building the server…');
  execSync('npx tsc -b tsconfig.json', { cwd: root, stdio: 'inherit' });
  fs.utimesSync(path.join(root, 'apps/server/dist/cli.js'), new Date(), new Date());
}
if (webOut < webIn) {
  console.log('Building the web app…');
  execSync('npm run build -w apps/web', { cwd: root, stdio: 'inherit' });
}
if (widgetOut < widgetIn) {
  console.log('Building the website widget…');
  execSync('npm run build -w packages/widget', { cwd: root, stdio: 'inherit' });
}
