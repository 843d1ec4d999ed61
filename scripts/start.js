// `npm start`: build the app if the sources are newer than the last build, then run it
// (`--no-build`: run the existing build as it is, as `npm run bench` does after building).
// The first start also creates the embedded database and loads the sample city (see README).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// The server's entry: a build older than any source is rebuilt (whether `npm run build` or we made it).
const entry = path.join(root, 'build', 'index.js');
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

const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
if (!process.argv.includes('--no-build') && Math.max(...sources.map(newest)) > builtAt) {
	console.log('[pelak] building the app…');
	const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
const env = process.env;
env.PORT = port;
// Documents up to 30 MB each are uploaded with a request (adapter-node's default limit is 512 KB).
env.BODY_SIZE_LIMIT ||= '100M';
// Without ORIGIN adapter-node takes every request for https, and SvelteKit's CSRF check then refuses
// all form posts (sign-in included) on plain http. Behind a proxy, set ORIGIN to the public URL.
env.ORIGIN ||= `http://${host}:${port}`;
console.log(`[pelak] starting on ${env.ORIGIN}`);
// In this process (a signal to it reaches the server), from the project's directory as before:
// adapter-node's server plus the tile fast path.
process.chdir(root);
await import('./serve.js');
