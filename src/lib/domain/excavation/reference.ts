/**
 * A work's reference: `EXC-<Jalali year filed>-<id, six digits>`, so that references of one year sort
 * as their numbers do. Filing and the sample city both number works through this.
 *
 * @example excavationReference(1405, 26) // 'EXC-1405-000026'
 */
export function excavationReference(jalaliYear: number, id: number): string {
	return `EXC-${jalaliYear}-${String(id).padStart(6, '0')}`;
}
