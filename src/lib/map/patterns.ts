/**
 * Hatch patterns drawn in code (no sprite sheet to host): diagonal stripes on transparent ground,
 * as RGBA pixels for `map.addImage`, and the same stripes in CSS for the legend.
 */

/** A hatch as a dataset's look declares it; `id` is the image name the style's `fill-pattern` uses. */
export interface Hatch {
	id: string;
	/** #rrggbb */
	color: string;
	/** Stripe period in pixels along each axis. */
	size: number;
	lineWidth: number;
	/** Stripe opacity, 0–255. */
	alpha: number;
}

export function hatch(rgb: [number, number, number], size = 12, lineWidth = 2, alpha = 220) {
	const data = new Uint8Array(size * size * 4);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			// Distance to the nearest 45° stripe; tiles seamlessly because the stripe period is `size`.
			const d = (x + y) % size;
			if (d < lineWidth) {
				const o = (y * size + x) * 4;
				data.set([rgb[0], rgb[1], rgb[2], alpha], o);
			}
		}
	}
	return { width: size, height: size, data };
}

/** `#d7261e` → [215, 38, 30] */
export function hexToRgb(hex: string): [number, number, number] {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `#1f6feb`, 0.2 → `rgba(31, 111, 235, 0.2)` */
export function rgba(hex: string, alpha: number): string {
	return `rgba(${hexToRgb(hex).join(', ')}, ${alpha})`;
}

/** The image MapLibre draws for a hatch. */
export function hatchImage({ color, size, lineWidth, alpha }: Hatch) {
	return hatch(hexToRgb(color), size, lineWidth, alpha);
}

/** The hatch as a CSS background for a legend swatch: stripes at half the image's period, to suit the small swatch. */
export function hatchCss({ color, size, lineWidth }: Hatch): string {
	return `repeating-linear-gradient(45deg, ${color} 0 ${lineWidth}px, transparent ${lineWidth}px ${size / 2}px)`;
}
