import { describe, expect, it } from 'vitest';
import { cityStyle } from '../style';
import { MAP_LEGEND } from '../legend';
import { PUBLIC_CATEGORY, PUBLIC_STATUSES } from '../../domain/excavation/works';
import { EXCAVATION_STATUS_COLORS } from './excavations';

describe('the excavations layer', () => {
	it('fills each public status in the colour its category’s legend entry shows', () => {
		const fill = cityStyle('fa', '', null).layers.find((l) => l.id === 'excavations-fill') as { paint: { 'fill-color': unknown[] } };
		const [, , ...cases] = fill.paint['fill-color'];
		for (const status of PUBLIC_STATUSES) {
			const mapColor = cases[cases.indexOf(status) + 1];
			expect(mapColor, status).toBe(EXCAVATION_STATUS_COLORS[status]);
			expect(MAP_LEGEND.find((e) => e.id === `excavation-${PUBLIC_CATEGORY[status]}`)?.swatch).toEqual({ kind: 'fill', color: mapColor });
		}
	});

	it('labels the legend in the reader’s language', () => {
		const active = MAP_LEGEND.find((e) => e.id === 'excavation-active')!;
		expect(active.label('fa')).toBe('کارهای حفاری: در حال اجرا');
		expect(active.label('en')).toBe('Excavation works: In progress');
	});
});
