export { renderOfficialDocument } from './render-official-document';
export {
	SANDBOX_WATERMARK,
	formatJalaliNumeric,
	formatRials,
	verificationUrl,
	type DocumentSection,
	type Fact,
	type FactValue,
	type ItemLine,
	type OfficialDocumentKind,
	type OfficialDocumentSpec
} from './official-document';
export { drawParagraph, layoutParagraph, type ParagraphStyle } from './paragraph';

/**
 * Renders one example document and throws it away, so the process's font caches (parsed font,
 * shaped words, glyph outlines) are filled before the first citizen's permit: the first render
 * after start costs 0.6–1.6 s, the next ones ~15 ms of CPU (BENCHMARKS.md, PDF rendering).
 */
export async function warmPdfRenderer(): Promise<void> {
	const { EXAMPLE_DOCUMENTS } = await import('./official-document.examples');
	const { renderOfficialDocument } = await import('./render-official-document');
	await renderOfficialDocument(EXAMPLE_DOCUMENTS.building_permit);
}
