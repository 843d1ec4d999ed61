import { describe, expect, it } from 'vitest';
import { lineBasisDetail } from './line-basis';

const labels = {
	surface: { asphalt: { fa: 'آسفالت', en: 'Asphalt' }, paving: { fa: 'سنگ‌فرش و موزاییک', en: 'Paving stones' } },
	road_class: { arterial: { fa: 'شریانی', en: 'Arterial' }, local: { fa: 'محلی', en: 'Local' } }
};

describe('the part of a dig a fee line was assessed on', () => {
	it('names the surface, the street class, a recent resurfacing and the area, from the book’s labels', () => {
		expect(lineBasisDetail({ item_code: '2-1', basis: { surface: 'asphalt', road_class: 'arterial', recently_paved: true, area_m2: 12.25 } }, labels)).toEqual({
			fa: 'رویهٔ آسفالت، معبر شریانی، تازه روکش‌شده، ۱۲٫۳ مترمربع',
			en: 'Asphalt surface, Arterial street, recently resurfaced, 12.3 m²'
		});
	});

	it('tells apart two lines of one item on different ground', () => {
		const a = lineBasisDetail({ basis: { surface: 'asphalt', road_class: 'local', recently_paved: false, area_m2: 30 } }, labels);
		const b = lineBasisDetail({ basis: { surface: 'paving', road_class: 'local', recently_paved: false, area_m2: 8 } }, labels);
		expect(a?.fa).not.toBe(b?.fa);
		expect(b?.fa).toBe('رویهٔ سنگ‌فرش و موزاییک، معبر محلی، ۸ مترمربع');
	});

	it('adds nothing to a line assessed once for the whole request, and falls back to the stored value without a label', () => {
		expect(lineBasisDetail({ item_code: '1-1' }, labels)).toBeNull();
		expect(lineBasisDetail({ basis: { surface: 'gravel', road_class: 'local', recently_paved: false, area_m2: 2 } }, labels)?.en).toBe('gravel surface, Local street, 2 m²');
	});
});
