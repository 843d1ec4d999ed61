import jsQR from 'jsqr';
import { execFileSync } from 'node:child_process';
import { PNG } from 'pngjs';

/**
 * The PDFs as poppler reads them (pdftotext, pdftoppm from poppler-utils), through pipes: no files.
 * pdftotext marks right-to-left and left-to-right runs with embedding controls and the PDF
 * carries invisible RLM/LRM marks for it (see text-layer.ts); a reader sees neither, so they are
 * removed before comparing. ZWNJ is not in the text layer, so expected phrases drop it too.
 */
export function pdftotext(pdf: Buffer, ...options: string[]): string {
	return execFileSync('pdftotext', [...options, '-', '-'], { input: pdf }).toString('utf8');
}

export function readable(text: string): string {
	return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[^\S\n]+/g, ' ');
}

export const withoutZwnj = (phrase: string) => phrase.replaceAll('\u200c', '');

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** A page rasterised at `dpi`, cropped to the box given in points from the top left. */
export function raster(pdf: Buffer, dpi: number, box: Box, page = 1): PNG {
	const px = (pt: number) => String(Math.round((pt * dpi) / 72));
	const crop = ['-x', px(box.x), '-y', px(box.y), '-W', px(box.width), '-H', px(box.height)];
	const pages = ['-f', String(page), '-l', String(page)];
	const png = execFileSync('pdftoppm', ['-png', '-r', String(dpi), ...pages, '-singlefile', ...crop, '-'], { input: pdf });
	return PNG.sync.read(png);
}

/** The QR code in the footer's bottom-left corner, decoded. */
export function footerQr(pdf: Buffer, page = 1): string | undefined {
	const { data, width, height } = raster(pdf, 150, { x: 0, y: 680, width: 220, height: 162 }, page);
	return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)?.data;
}

