/**
 * Browser tests: removes the first starts kept for this run's servers (tests/e2e/server.ts: the
 * embedded cities of `embeddedTemplate`, the PostgreSQL databases of `postgresCopy`) before and after
 * the run, so every run starts from a first start of its own build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropTemplateDatabase, TEMPLATE_PREFIX } from './server';

async function removeTemplates() {
	for (const name of fs.readdirSync(os.tmpdir())) {
		if (!name.startsWith(TEMPLATE_PREFIX)) continue;
		await dropTemplateDatabase(path.join(os.tmpdir(), name));
		fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
	}
}

export default async function setup() {
	await removeTemplates();
	return removeTemplates;
}
