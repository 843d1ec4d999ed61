// `npm start`: build the app if the sources are newer than the last build, then run it.
// The first start also creates the embedded database and loads the sample city (see README).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'build', '.built-at');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newest(p) {
	const full = path.join(root, p);
	if (!fs.existsSync(full)) return 0;
	const stat = fs.statSync(full);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = stat.mtimeMs;
	for (const entry of fs.readdirSync(full)) max = Math.max(max, newest(path.join(p, entry)));
	return max;
}

const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (Math.max(...sources.map(newest)) > builtAt) {
	console.log('[pelak] building the app…');
	const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	fs.writeFileSync(stamp, new Date().toISOString());
}

const port = process.env.PORT ?? '3000';
console.log(`[pelak] starting on http://localhost:${port}`);
const server = spawn(process.execPath, [path.join(root, 'build')], {
	cwd: root,
	stdio: 'inherit',
	// Documents up to 30 MB each are uploaded with a request (adapter-node's default limit is 512 KB).
	env: { BODY_SIZE_LIMIT: '100M', ...process.env, PORT: port }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
