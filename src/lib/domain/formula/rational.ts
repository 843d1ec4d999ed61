/**
 * Exact rational numbers over BigInt, so that fee arithmetic never meets binary fractions:
 * 0.1 + 0.2 is exactly 0.3, and 0.45 × P × 150.5 m² is the decimal the council meant.
 * Numbers from JavaScript are read through their shortest decimal form (what the user typed).
 */

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
	while (b !== 0n) [a, b] = [b, a % b];
	return a < 0n ? -a : a;
}

function bitLength(n: bigint): number {
	return (n < 0n ? -n : n).toString(2).length;
}

export class Rational {
	static readonly ZERO = new Rational(0n, 1n);
	static readonly ONE = new Rational(1n, 1n);

	/** Always in lowest terms with a positive denominator. */
	private constructor(
		readonly num: bigint,
		readonly den: bigint
	) {}

	/** num / den in lowest terms; a zero denominator throws a RangeError. */
	static of(num: bigint, den: bigint = 1n): Rational {
		if (den === 0n) throw new RangeError('Rational: zero denominator');
		if (den < 0n) [num, den] = [-num, -den];
		const g = gcd(num, den);
		return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
	}

	/**
	 * Parses a decimal such as '12', '-0.45' or '1.5e3'; null when the text is not one.
	 *
	 * @example Rational.parse('0.1')?.add(Rational.parse('0.2')!).equals(Rational.parse('0.3')!) // true
	 */
	static parse(text: string): Rational | null {
		const m = DECIMAL.exec(text.trim());
		if (!m) return null;
		const [, sign, whole, fraction = '', exponent = '0'] = m;
		const shift = Number(exponent) - fraction.length;
		if (Math.abs(shift) > 400) return null; // 1e999 and the like: no fee needs them
		const digits = BigInt(sign + whole + fraction);
		return shift >= 0 ? Rational.of(digits * 10n ** BigInt(shift)) : Rational.of(digits, 10n ** BigInt(-shift));
	}

	/**
	 * The decimal a JavaScript number prints as; NaN and ±Infinity throw a RangeError.
	 *
	 * @example Rational.fromNumber(150.5).toString() // '301/2'
	 */
	static fromNumber(value: number): Rational {
		if (!Number.isFinite(value)) throw new RangeError(`Rational: ${value} is not a finite number`);
		return Rational.parse(String(value)) as Rational;
	}

	add(other: Rational): Rational {
		return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
	}

	sub(other: Rational): Rational {
		return Rational.of(this.num * other.den - other.num * this.den, this.den * other.den);
	}

	mul(other: Rational): Rational {
		return Rational.of(this.num * other.num, this.den * other.den);
	}

	/** Division; a zero divisor throws a RangeError (callers check {@link isZero} first to name it). */
	div(other: Rational): Rational {
		return Rational.of(this.num * other.den, this.den * other.num);
	}

	neg(): Rational {
		return new Rational(-this.num, this.den);
	}

	abs(): Rational {
		return this.num < 0n ? this.neg() : this;
	}

	/** A whole-number power; 0 to a negative power throws a RangeError. */
	pow(exponent: bigint): Rational {
		if (exponent < 0n) return Rational.ONE.div(this.pow(-exponent));
		return Rational.of(this.num ** exponent, this.den ** exponent);
	}

	compare(other: Rational): -1 | 0 | 1 {
		const d = this.num * other.den - other.num * this.den;
		return d < 0n ? -1 : d > 0n ? 1 : 0;
	}

	equals(other: Rational): boolean {
		return this.num === other.num && this.den === other.den;
	}

	isZero(): boolean {
		return this.num === 0n;
	}

	isInteger(): boolean {
		return this.den === 1n;
	}

	/** Bits of the larger of numerator and denominator: the size the evaluator limits. */
	bits(): number {
		return Math.max(bitLength(this.num), bitLength(this.den));
	}

	/** The largest whole number not above this one. */
	floor(): Rational {
		const q = this.num / this.den; // BigInt division truncates toward zero
		return Rational.of(this.num < 0n && q * this.den !== this.num ? q - 1n : q);
	}

	ceil(): Rational {
		return this.neg().floor().neg();
	}

	/**
	 * The nearest whole number, halves away from zero (2.5 → 3, −2.5 → −3), as people round by hand.
	 *
	 * @example Rational.parse('1234.5')!.round().toString() // '1235'
	 */
	round(): Rational {
		const half = Rational.of(1n, 2n);
		return this.num < 0n ? this.neg().add(half).floor().neg() : this.add(half).floor();
	}

	/** The nearest double; exact for whole numbers up to 2⁵³. */
	toNumber(): number {
		if (this.den === 1n) return Number(this.num);
		const scale = 10n ** 20n;
		return Number((this.num * scale) / this.den) / 1e20;
	}

	/** 'n' for whole numbers, otherwise 'n/d'. */
	toString(): string {
		return this.den === 1n ? String(this.num) : `${this.num}/${this.den}`;
	}
}
