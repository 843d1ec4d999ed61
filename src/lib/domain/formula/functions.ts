/**
 * The only functions a formula may call. Each takes and returns exact numbers; `if(...)` and
 * `table(...)` are forms of the language itself (see parser.ts), listed here for messages.
 */
import { FormulaError } from './errors';
import { Rational } from './rational';

export interface FunctionSpec {
	minArgs: number;
	maxArgs: number;
	apply(args: Rational[], pos: number): Rational;
}

const MAX_DIGITS = 15;

function digitsArgument(name: string, value: Rational | undefined, pos: number): bigint {
	if (value === undefined) return 0n;
	if (!value.isInteger() || value.abs().compare(Rational.of(BigInt(MAX_DIGITS))) > 0) {
		throw new FormulaError('bad_argument', pos, {
			name,
			reason: `the number of digits must be a whole number from -${MAX_DIGITS} to ${MAX_DIGITS}`,
			reason_fa: `تعداد رقم باید عدد صحیحی از -${MAX_DIGITS} تا ${MAX_DIGITS} باشد`
		});
	}
	return value.num;
}

/** round/floor/ceil with an optional number of decimal digits; negative digits round to tens, thousands… */
function toDigits(name: string, method: 'round' | 'floor' | 'ceil'): FunctionSpec {
	return {
		minArgs: 1,
		maxArgs: 2,
		apply([x, digits], pos) {
			const scale = Rational.of(10n).pow(digitsArgument(name, digits, pos));
			return x.mul(scale)[method]().div(scale);
		}
	};
}

function extreme(pick: 1 | -1): FunctionSpec {
	return {
		minArgs: 1,
		maxArgs: 20,
		apply: (args) => args.reduce((best, x) => (x.compare(best) === pick ? x : best))
	};
}

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
	['min', extreme(-1)],
	['max', extreme(1)],
	['round', toDigits('round', 'round')],
	['floor', toDigits('floor', 'floor')],
	['ceil', toDigits('ceil', 'ceil')],
	['abs', { minArgs: 1, maxArgs: 1, apply: ([x]) => x.abs() }],
	[
		'clamp',
		{
			minArgs: 3,
			maxArgs: 3,
			apply([x, low, high], pos) {
				if (low.compare(high) > 0) {
					throw new FormulaError('bad_argument', pos, {
						name: 'clamp',
						reason: 'the lower bound is above the upper bound',
						reason_fa: 'کران پایین از کران بالا بیشتر است'
					});
				}
				return x.compare(low) < 0 ? low : x.compare(high) > 0 ? high : x;
			}
		}
	]
]);

/** Every name that may be called, for the "allowed functions" part of messages. */
export const CALLABLE_NAMES: readonly string[] = [...FUNCTIONS.keys(), 'if', 'table'];
