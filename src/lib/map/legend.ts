import type { Lang } from '../i18n/format';
import { hatchCss, rgba, type Hatch } from './patterns';
import { zoningLegend } from './layers/zoning';
import { wideningLinesLegend } from './layers/widening-lines';
import { setbackLegend } from './layers/selection';
import { overlaysLegend } from './layers/overlays';
import { parcelsLegend } from './layers/parcels';
import { excavationsLegend } from './layers/excavations';

/** How a legend entry is drawn; each dataset declares its own beside its map layers. */
export type Swatch =
	| { kind: 'fill'; color: string }
	| { kind: 'dashed-line'; color: string }
	| { kind: 'hatch'; hatch: Hatch }
	/** A dashed outline around a light tint of the same colour. */
	| { kind: 'dashed-outline'; color: string; tint: number };

export interface LegendEntry {
	id: string;
	label: (lang: Lang) => string;
	swatch: Swatch;
}

/** The inline CSS of a swatch (its size and default border come from the legend's stylesheet). */
export function swatchCss(swatch: Swatch): string {
	switch (swatch.kind) {
		case 'fill':
			return `background: ${swatch.color}`;
		case 'dashed-line':
			return `height: 0; border: none; border-top: 2px dashed ${swatch.color}`;
		case 'hatch':
			return `background: ${hatchCss(swatch.hatch)}`;
		case 'dashed-outline':
			return `background: ${rgba(swatch.color, swatch.tint)}; border: 1.5px dashed ${swatch.color}`;
	}
}

/** The map's legend, in the order it is read. */
export const MAP_LEGEND: LegendEntry[] = [
	...zoningLegend,
	...wideningLinesLegend,
	...setbackLegend,
	...overlaysLegend,
	...parcelsLegend,
	...excavationsLegend
];
