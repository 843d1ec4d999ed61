/**
 * Rial amounts as whole numbers (BigInt inside, so nothing is lost on the way), and the rounding
 * a tariff book declares before a bill is issued.
 */
import { Rational } from '../formula';
import type { RoundingRule } from './tariff-book';

/**
 * The nearest whole rial, halves up (amounts here are never negative).
 *
 * @example toWholeRial(Rational.parse('1234.5')!) // 1235n
 */
export function toWholeRial(amount: Rational): bigint {
	return amount.round().num;
}

/**
 * A whole-rial amount rounded to the book's unit: `floor` (down, never above the approved tariff),
 * `round` (to the nearest unit, halves up) or `ceil` (up).
 *
 * @example roundToUnit(152_340_999n, { unit_rial: 1000, mode: 'floor' }) // 152340000n
 * @example roundToUnit(152_340_500n, { unit_rial: 1000, mode: 'round' }) // 152341000n
 */
export function roundToUnit(amount: bigint, rule: RoundingRule): bigint {
	const unit = BigInt(rule.unit_rial);
	if (amount < 0n) throw new RangeError('roundToUnit: negative amount');
	if (rule.mode === 'floor') return (amount / unit) * unit;
	if (rule.mode === 'ceil') return ((amount + unit - 1n) / unit) * unit;
	return ((2n * amount + unit) / (2n * unit)) * unit;
}

/**
 * `percent` % of an amount, to the nearest rial (halves up).
 *
 * @example percentOf(1001n, Rational.of(50n)) // 501n
 */
export function percentOf(amount: bigint, percent: Rational): bigint {
	return toWholeRial(Rational.of(amount).mul(percent).div(Rational.of(100n)));
}
