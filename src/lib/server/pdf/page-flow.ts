import { drawLine, layoutParagraph, type ParagraphStyle } from './paragraph';

/** The content area of a page, in points: what stays free of margins, header and footer. */
export interface ContentBox {
	left: number;
	width: number;
	top: number;
	bottom: number;
}

/**
 * Content flowing down the pages: a cursor `y` in the content box, and a new page (decorated by
 * `onNewPage`) whenever the next block does not fit.
 */
export class PageFlow {
	y: number;

	/** `startY`: where the first page's content begins, below its header. */
	constructor(
		readonly doc: PDFKit.PDFDocument,
		readonly box: ContentBox,
		private readonly onNewPage: () => void,
		startY = box.top
	) {
		this.y = startY;
	}

	get right(): number {
		return this.box.left + this.box.width;
	}

	/**
	 * Starts a new page unless `height` fits below the cursor (or the page is still empty, where a
	 * taller block is drawn anyway). Returns whether it did.
	 */
	ensure(height: number): boolean {
		if (this.y + height <= this.box.bottom || this.y === this.box.top) return false;
		this.doc.addPage();
		this.onNewPage();
		this.y = this.box.top;
		return true;
	}

	/** A paragraph across the content width, less `indent` at the right, line by line across pages. */
	paragraph(text: string, style: ParagraphStyle, indent = 0): void {
		const layout = layoutParagraph(this.doc, text, this.box.width - indent, style);
		const x = this.box.left;
		for (const line of layout.lines) {
			this.ensure(layout.lineHeight);
			drawLine(this.doc, line, x, this.y, style);
			this.y += layout.lineHeight;
		}
	}

	gap(height: number): void {
		this.y += height;
	}
}
