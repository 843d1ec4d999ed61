/**
 * Browser tests: removes the embedded cities kept for this run's servers (tests/e2e/server.ts,
 * `embeddedTemplate`) before and after the run, so every run starts from a first start of its own build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEMPLATE_PREFIX } from './server';

function removeTemplates() {
	for (const name of fs.readdirSync(os.tmpdir())) {
		if (name.startsWith(TEMPLATE_PREFIX)) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
	}
}

export default function setup() {
	removeTemplates();
	return removeTemplates;
}
