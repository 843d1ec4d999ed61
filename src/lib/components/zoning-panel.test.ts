import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { ParcelDetail, ZoningInfo } from '$lib/api/parcel';
import ZoningSection from './ZoningSection.svelte';
import CapacitySection from './CapacitySection.svelte';

const zone = (rules: Partial<ZoningInfo>): ZoningInfo => ({
	id: 1,
	code: 'X9',
	land_use: null,
	density_pct: null,
	occupancy_pct: null,
	max_floors: null,
	max_height_m: null,
	description: null,
	share_pct: 100,
	rules_defined: false,
	...rules
});

const parcel = (zoning: ZoningInfo) =>
	({
		zoning,
		other_zones: [],
		overlays: [],
		setback: { area_m2: 0, geometry: null, streets: [] },
		capacity: null,
		rule_book: { id: 1, title: 'ضوابط ۱۴۰۴', title_en: 'Rules 1404', effective_from: '2025-03-21', sample: false }
	}) as unknown as ParcelDetail;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the zoning and capacity sections of the parcel panel', () => {
	it('say "rules not defined" for a zone code the book lacks, and show no figures', () => {
		const p = parcel(zone({}));
		const zoning = render(ZoningSection, { props: { parcel: p, lang: 'en' } }).body;
		expect(text(zoning)).toContain('Rules not defined: zone X9 is not in the rule book');
		expect(zoning).not.toContain('data-testid="panel-density"');
		expect(text(zoning)).toContain('Rule book: Rules 1404, in force from 21 Mar 2025');
		const capacity = render(CapacitySection, { props: { parcel: p, lang: 'fa' } }).body;
		expect(text(capacity)).toContain('ضوابط این پهنه تعریف نشده است');
	});

	it('show a rule the book leaves blank as "not defined", never 0', () => {
		const html = render(ZoningSection, { props: { parcel: parcel(zone({ code: 'R121', land_use: 'residential', density_pct: 180, rules_defined: true })), lang: 'en' } }).body;
		expect(text(html)).toMatch(/Density 180\s?%/);
		expect(text(html)).toMatch(/Occupancy not defined/);
		expect(text(html)).not.toMatch(/Occupancy 0/);
	});
});
