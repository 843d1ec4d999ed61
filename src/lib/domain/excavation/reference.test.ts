import { describe, expect, it } from 'vitest';
import { excavationReference } from './reference';

describe('excavationReference', () => {
	it('numbers a work with six digits, so a year’s references sort as their ids', () => {
		expect(excavationReference(1405, 26)).toBe('EXC-1405-000026');
		expect(excavationReference(1405, 61)).toBe('EXC-1405-000061');
		const refs = [9, 26, 61, 100, 1234].map((id) => excavationReference(1405, id));
		expect([...refs].sort()).toEqual(refs);
	});
});
