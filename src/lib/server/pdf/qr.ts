import QRCode from 'qrcode';

/** Modules of light margin the QR standard asks for around the symbol. */
const QUIET_ZONE = 4;

export type QrCode = ReturnType<typeof QRCode.create>;

/** `text` as a QR code (error correction M), to draw on every page with {@link drawQrCode}. */
export function makeQrCode(text: string): QrCode {
	return QRCode.create(text, { errorCorrectionLevel: 'M' });
}

/**
 * Draws a QR code in a `size`-point square whose top left corner is (`x`, `y`), quiet zone
 * included. Vector rectangles, one per run of dark modules in a row, on a white ground so a
 * watermark under it cannot spoil a scan.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, { modules }: QrCode, x: number, y: number, size: number): void {
	const n = modules.size;
	const cell = size / (n + 2 * QUIET_ZONE);
	const origin = { x: x + QUIET_ZONE * cell, y: y + QUIET_ZONE * cell };
	doc.save();
	doc.rect(x, y, size, size).fill('white');
	for (let row = 0; row < n; row++) {
		let col = 0;
		while (col < n) {
			if (!modules.get(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < n && modules.get(row, col)) col++;
			doc.rect(origin.x + start * cell, origin.y + row * cell, (col - start) * cell, cell);
		}
	}
	doc.fill('black');
	doc.restore();
}
