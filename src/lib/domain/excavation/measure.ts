/**
 * A dig's area (m²) or length (m) as Pelak states it everywhere: to the centimetre, rounded once
 * from the server's measure in the storage CRS. The check before filing and the work's page after
 * it both show this figure, so the applicant never sees two sizes (rounding 343.248 m first to
 * 343.25 and then, for display, to 343.3 while the raw figure displays as 343.2 gave exactly that).
 *
 * @example statedMeasure(343.2481) // 343.25
 */
export function statedMeasure(value: number): number {
	return Math.round(value * 100) / 100;
}
