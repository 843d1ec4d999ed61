import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DOCUMENTS } from './official-document.examples';
import type { OfficialDocumentSpec } from './official-document';
import { renderOfficialDocument } from './render-official-document';
import { pdftotext, readable, withoutZwnj } from './pdf-reading.test-support';

/**
 * Every document shares one parsed font and the words it shaped (fonts.ts). These documents are
 * chosen to catch what sharing fontkit's glyph objects would leak: the first embeds «خ», whose
 * outline is «ح» plus a dot (the subset encoder makes that «ح» without text), and spells «ۀ» and
 * «ﻻ» precomposed, the very glyphs «هٔ» and «لا» shape to.
 */
const base = EXAMPLE_DOCUMENTS.receipt;
const paragraphs = (...texts: string[]): OfficialDocumentSpec['sections'] => [{ kind: 'paragraphs', numbered: false, paragraphs: texts }];

const first: OfficialDocumentSpec = {
	...base,
	issuer: 'شهرداری نمونه‌شهر',
	title: 'خانۀ ﻻله',
	sections: paragraphs('خیابان جنب خانۀ ﻻله‌ها، خانۀ شمارهٔ ۵.')
};
const second: OfficialDocumentSpec = {
	...base,
	issuer: 'شهرداری نمونه‌شهر',
	title: 'حیاط خانهٔ لاله',
	sections: paragraphs('حیاط پشتی خانهٔ لاله‌ها حفظ شود.')
};

function renderInFreshProcess(spec: OfficialDocumentSpec): Buffer {
	const script = fileURLToPath(new URL('./render-fresh.test-support.ts', import.meta.url));
	return execFileSync(process.execPath, ['--import', 'tsx', script], { input: JSON.stringify(spec), maxBuffer: 8 << 20 });
}

describe('the font shared by every document', () => {
	it('leaks neither glyphs nor their text into the next document', async () => {
		await renderOfficialDocument(first);
		const after = await renderOfficialDocument(second);
		const text = readable(pdftotext(after));
		for (const phrase of ['حیاط خانهٔ لاله', 'حیاط پشتی خانهٔ لاله‌ها حفظ شود.']) expect(text).toContain(withoutZwnj(phrase));
		// The same bytes as from a process that drew nothing before: the same glyphs embedded,
		// with the same text.
		expect(after.equals(renderInFreshProcess(second))).toBe(true);
	});

	it('draws each example to the same bytes whatever came before, as a fresh process does', async () => {
		const again = new Map<string, Buffer>();
		for (const round of [0, 1]) {
			for (const [kind, spec] of Object.entries(EXAMPLE_DOCUMENTS)) {
				const pdf = await renderOfficialDocument(spec);
				if (round === 0) again.set(kind, pdf);
				else expect(pdf.equals(again.get(kind)!), kind).toBe(true);
			}
		}
		expect(again.get('zoning_statement')!.equals(renderInFreshProcess(EXAMPLE_DOCUMENTS.zoning_statement))).toBe(true);
	});
});
