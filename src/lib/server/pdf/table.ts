import type { FontName } from './fonts';
import type { PageFlow } from './page-flow';
import { drawLine, layoutParagraph, type ParagraphLayout, type ParagraphStyle } from './paragraph';

/** A column's share of the table width, and how its cells are set. */
export interface TableColumn {
	share: number;
	align?: ParagraphStyle['align'];
	/** Fill behind every cell of the column (the labels of a key/value table). */
	fill?: string;
}

export interface TableRow {
	/** In reading order: the first cell is the rightmost. */
	cells: readonly string[];
	font?: FontName;
	/** Fill behind the whole row (a header or a total). */
	fill?: string;
}

export interface TableOptions {
	columns: readonly TableColumn[];
	/** Repeated at the top of every page the table continues on. */
	header?: TableRow;
	size: number;
}

const PAD_X = 5;
const PAD_Y = 3;
const BORDER = '#9a9a9a';

interface CellLayout {
	x: number;
	width: number;
	layout: ParagraphLayout;
	style: ParagraphStyle;
	fill?: string;
}

function layoutRow(flow: PageFlow, row: TableRow, options: TableOptions): { cells: CellLayout[]; height: number } {
	const total = options.columns.reduce((sum, c) => sum + c.share, 0);
	let right = flow.right;
	const cells = options.columns.map((column, i) => {
		const width = (flow.box.width * column.share) / total;
		const x = right - width;
		right = x;
		const style: ParagraphStyle = { font: row.font ?? 'regular', size: options.size, align: column.align, lineSpacing: 0.9 };
		const layout = layoutParagraph(flow.doc, row.cells[i] ?? '', width - 2 * PAD_X, style);
		return { x, width, layout, style, fill: row.fill ?? column.fill };
	});
	const height = Math.max(...cells.map((c) => c.layout.height)) + 2 * PAD_Y;
	return { cells, height };
}

function drawRow(flow: PageFlow, { cells, height }: ReturnType<typeof layoutRow>): void {
	const { doc } = flow;
	for (const cell of cells) {
		if (cell.fill) doc.rect(cell.x, flow.y, cell.width, height).fill(cell.fill);
		doc.rect(cell.x, flow.y, cell.width, height).lineWidth(0.5).stroke(BORDER);
		cell.layout.lines.forEach((line, i) => {
			drawLine(doc, line, cell.x + PAD_X, flow.y + PAD_Y + i * cell.layout.lineHeight, cell.style);
		});
	}
	flow.y += height;
}

/**
 * A right-to-left table across the content width: cells wrap, rows never split, and a row that
 * does not fit starts a new page under the repeated header.
 */
export function drawTable(flow: PageFlow, rows: readonly TableRow[], options: TableOptions): void {
	const header = options.header && layoutRow(flow, options.header, options);
	if (header) {
		// Keep the header with the first row.
		const first = rows[0] ? layoutRow(flow, rows[0], options).height : 0;
		flow.ensure(header.height + first);
		drawRow(flow, header);
	}
	for (const row of rows) {
		const laid = layoutRow(flow, row, options);
		if (flow.ensure(laid.height) && header) drawRow(flow, header);
		drawRow(flow, laid);
	}
}
