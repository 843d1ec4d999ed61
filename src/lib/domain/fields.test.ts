import { describe, expect, it } from 'vitest';
import { fieldKey, matchFields, MappingError } from './fields';

const SPEC = {
	fields: [
		{ name: 'renovation_code', aliases: ['renov_code', 'code_nosazi', 'کد_نوسازی'] },
		{ name: 'address', aliases: ['addr', 'نشانی'] }
	],
	derived: ['id']
};

describe('fieldKey', () => {
	it('compares names by letters and digits only', () => {
		expect(fieldKey('Code-Nosazi ')).toBe(fieldKey('code_nosazi'));
		expect(fieldKey('کد نوسازي')).toBe(fieldKey('کد_نوسازی'));
	});
});

describe('matchFields', () => {
	it('matches by name, then by alias, and leaves the rest unmapped except derived columns', () => {
		expect(matchFields(SPEC, ['ID', 'CODE_NOSAZI', 'Addr', 'OWNER'])).toEqual({
			fields: { renovation_code: 'CODE_NOSAZI', address: 'Addr' },
			unmapped: ['OWNER']
		});
	});
	it('lets --map override the guess and frees the guessed source', () => {
		const m = matchFields(SPEC, ['RENOV_CODE', 'OLD_CODE'], { renovation_code: 'old_code' });
		expect(m.fields.renovation_code).toBe('OLD_CODE');
		expect(m.unmapped).toEqual(['RENOV_CODE']);
	});
	it('refuses a --map to an unknown target or from a missing source, naming what exists', () => {
		expect(() => matchFields(SPEC, ['A'], { colour: 'A' })).toThrow(/unknown target field "colour"/);
		const thrown = (() => {
			try {
				matchFields(SPEC, ['A'], { address: 'B' });
			} catch (e) {
				return e;
			}
			return null;
		})();
		expect(thrown).toBeInstanceOf(MappingError);
		expect(thrown).toMatchObject({ kind: 'unknown_source', name: 'B', known: ['A'] });
	});
});
