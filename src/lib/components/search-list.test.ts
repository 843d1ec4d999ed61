import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import SearchBox from './SearchBox.svelte';
import { hitDetail, hitToTake, moveHighlight } from './search-list';

describe('moveHighlight', () => {
	it('moves down and up through the hits from the field, wrapping at both ends', () => {
		expect(moveHighlight('ArrowDown', -1, 3)).toBe(0);
		expect(moveHighlight('ArrowDown', 0, 3)).toBe(1);
		expect(moveHighlight('ArrowDown', 2, 3)).toBe(0);
		expect(moveHighlight('ArrowUp', -1, 3)).toBe(2);
		expect(moveHighlight('ArrowUp', 1, 3)).toBe(0);
		expect(moveHighlight('ArrowUp', 0, 3)).toBe(2);
	});

	it('leaves other keys and an empty list alone', () => {
		expect(moveHighlight('Enter', 0, 3)).toBeNull();
		expect(moveHighlight('a', 0, 3)).toBeNull();
		expect(moveHighlight('ArrowDown', -1, 0)).toBeNull();
	});
});

describe('hitToTake', () => {
	it('takes the highlighted hit, else the first of several (Enter no longer does nothing)', () => {
		expect(hitToTake(['a', 'b', 'c'], -1)).toBe('a');
		expect(hitToTake(['a', 'b', 'c'], 2)).toBe('c');
		expect(hitToTake(['a', 'b'], 5)).toBe('a'); // a highlight left from a longer list
		expect(hitToTake([], 0)).toBeNull();
		expect(hitToTake(null, -1)).toBeNull();
	});
});

describe('hitDetail', () => {
	it('tells apart two parcels at one address by their renovation codes and blocks', () => {
		const a = hitDetail({ matched: 'address', renovation_code: '3-101-001', block: '101' }, 'fa');
		const b = hitDetail({ matched: 'address', renovation_code: '3-102-001', block: '102' }, 'fa');
		expect(a).toBe('کد نوسازی ۳-۱۰۱-۰۰۱، بلوک ۱۰۱');
		expect(a).not.toBe(b);
		expect(hitDetail({ matched: 'postal_code', renovation_code: '3-101-001', block: '101' }, 'en')).toBe('renovation code 3-101-001 · block 101');
	});

	it('does not repeat the code a hit was found by, and says nothing for a street', () => {
		expect(hitDetail({ matched: 'renovation_code', renovation_code: '3-101-001', block: '101' }, 'fa')).toBe('بلوک ۱۰۱');
		expect(hitDetail({ matched: 'street' }, 'fa')).toBe('');
	});
});

describe('SearchBox', () => {
	it('is a combobox over its list, closed until it has hits', () => {
		const { body } = render(SearchBox, { props: { lang: 'fa', onchoose: () => {} } });
		expect(body).toMatch(/role="combobox"/);
		expect(body).toMatch(/aria-expanded="false"/);
		expect(body).not.toContain('search-results');
	});
});
