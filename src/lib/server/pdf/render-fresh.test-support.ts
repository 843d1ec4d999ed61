/**
 * `node --import tsx render-fresh.test-support.ts < spec.json > doc.pdf`: renders one document
 * in a process of its own, so with every font cache empty. The font-cache test compares it with
 * the same document drawn after others.
 */
import fs from 'node:fs';
import type { OfficialDocumentSpec } from './official-document';
import { renderOfficialDocument } from './render-official-document';

const spec = JSON.parse(fs.readFileSync(0, 'utf8')) as OfficialDocumentSpec;
process.stdout.write(await renderOfficialDocument(spec));
