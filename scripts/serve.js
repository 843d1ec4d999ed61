// The production server (`npm start` runs it after building; `node scripts/serve.js` runs the existing
// build/). It is adapter-node's own server (build/index.js) with one addition: plain tile GETs are
// answered by the app's tile fast path (src/lib/server/tiles/tile-fast-path.ts) straight on Node's
// request and response, everything else — and any tile request out of the ordinary — by adapter-node's
// handler (build/handler.js: static files, then SvelteKit). The environment is adapter-node's: PORT, HOST,
// SOCKET_PATH, ORIGIN, SHUTDOWN_TIMEOUT, IDLE_TIMEOUT, KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT, LISTEN_PID/LISTEN_FDS
// (systemd socket activation), BODY_SIZE_LIMIT and the rest read by the handler.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const build = (file) => pathToFileURL(path.join(root, 'build', file)).href;

// importing the handler runs the app's init (database, sample city, tile cache), which registers the fast path
const { handler } = await import(build('handler.js'));
const { env, timeout_env } = await import(build('env.js'));
/** @type {((req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void) | undefined} */
const tiles = globalThis[Symbol.for('pelak.tiles.fastPath')];

const socketPath = env('SOCKET_PATH', false);
const host = env('HOST', '0.0.0.0');
const port = env('PORT', !socketPath && '3000');
const shutdownTimeout = parseInt(env('SHUTDOWN_TIMEOUT', '30'));
const idleTimeout = parseInt(env('IDLE_TIMEOUT', '0'));
const listenPid = parseInt(env('LISTEN_PID', '0'));
const listenFds = parseInt(env('LISTEN_FDS', '0'));
const SD_LISTEN_FDS_START = 3;
if (listenPid !== 0 && listenPid !== process.pid) throw new Error(`received LISTEN_PID ${listenPid} but current process id is ${process.pid}`);
if (listenFds > 1) throw new Error(`only one socket is allowed for socket activation, but LISTEN_FDS was set to ${listenFds}`);
const socketActivation = listenPid === process.pid && listenFds === 1;

/** What polka (adapter-node's router) answers when a handler throws. */
function onError(err, res) {
	const status = typeof err?.status === 'number' && err.status >= 100 ? err.status : 500;
	if (status >= 500) console.error(err);
	if (res.headersSent) return res.end();
	res.statusCode = status;
	res.end(typeof err === 'string' || Buffer.isBuffer(err) ? err : err?.message || http.STATUS_CODES[status]);
}

function app(req, res) {
	try {
		const done = handler(req, res, () => onError({ status: 404 }, res));
		if (done && typeof done.catch === 'function') done.catch((err) => onError(err, res));
	} catch (err) {
		onError(err, res);
	}
}

function withTiles(req, res) {
	try {
		tiles(req, res, () => app(req, res));
	} catch (err) {
		console.error('[pelak] tile fast path:', err);
		if (!res.headersSent) app(req, res);
	}
}

const server = http.createServer(tiles ? withTiles : app);
const keepAliveTimeout = timeout_env('KEEP_ALIVE_TIMEOUT');
if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout * 1000;
const headersTimeout = timeout_env('HEADERS_TIMEOUT');
if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

const listening = () => {
	const where = socketActivation ? `file descriptor ${SD_LISTEN_FDS_START}` : socketPath || `http://${host}:${server.address()?.port ?? port}`;
	console.log(`Listening on ${where}${tiles ? ' (tiles on the fast path)' : ''}`);
};
if (socketActivation) {
	server.listen({ fd: SD_LISTEN_FDS_START }, listening);
} else {
	if (socketPath) {
		try {
			if (fs.statSync(socketPath).size === 0) fs.rmSync(socketPath);
		} catch {
			// none there
		}
	}
	server.listen(socketPath ? { path: socketPath } : { host, port: Number(port) }, listening);
}

// Graceful shutdown as adapter-node's: stop accepting, let requests finish, then `sveltekit:shutdown`.
let requests = 0;
let shutdownTimer;
let idleTimer;

function gracefulShutdown(reason) {
	if (shutdownTimer) return;
	// an idle keep-alive connection would otherwise hold close() until it times out
	server.closeIdleConnections();
	server.close((error) => {
		if (error) return;
		clearTimeout(shutdownTimer);
		clearTimeout(idleTimer);
		process.emit('sveltekit:shutdown', reason);
	});
	shutdownTimer = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
}

server.on('request', (req) => {
	requests++;
	if (socketActivation && idleTimer) idleTimer = clearTimeout(idleTimer);
	req.on('close', () => {
		requests--;
		// close connections as soon as they become idle, so they take no new requests
		if (shutdownTimer) server.closeIdleConnections();
		if (requests === 0 && socketActivation && idleTimeout) idleTimer = setTimeout(() => gracefulShutdown('IDLE'), idleTimeout * 1000);
	});
});

process.on('SIGTERM', gracefulShutdown);
process.on('SIGINT', gracefulShutdown);
