/**
 * The mod-11 check digit of Iranian bill and payment ids (طرح هماهنگ پرداخت الکترونیکی قبوض،
 * کمیسیون انفورماتیک بانک‌ها): weights 2, 3, 4, 5, 6, 7, 2, 3, … from the rightmost digit,
 * r = sum mod 11, check = 0 when r is 0 or 1, otherwise 11 − r.
 *
 * What it guarantees: 11 is prime and every weight is below 11, so changing any one digit
 * (or swapping two neighbours, whose weights differ by 1 or 5) always changes r. The change goes
 * unseen only when r moves between 0 and 1, the two remainders that share check digit 0. A
 * changed check digit itself is always caught.
 *
 * @example mod11CheckDigit('123456781236') // 1  (sum 208, r = 10)
 * @example mod11CheckDigit('100011236') // 0  (sum 44, r = 0)
 */
export function mod11CheckDigit(digits: string): number {
	return checkDigitOfRemainder(mod11Remainder(digits));
}

/**
 * The weighted sum mod 11 behind {@link mod11CheckDigit}; exposed for the guarantee's tests.
 *
 * @example mod11Remainder('123456781236') // 10
 */
export function mod11Remainder(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (digit < 0 || digit > 9) throw new RangeError(`mod11: not a digit in "${digits}"`);
		sum += digit * (2 + (i % 6));
	}
	return sum % 11;
}

function checkDigitOfRemainder(r: number): number {
	return r < 2 ? 0 : 11 - r;
}
