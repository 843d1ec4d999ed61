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
