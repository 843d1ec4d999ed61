/**
 * What tells apart the lines of one item charged more than once: an excavation is assessed once
 * for each kind of ground it breaks (domain/excavation/fee.ts), so a bill may list «۲-۱ عوارض
 * حفاری معابر» twice; each line then names its part of the dig: the surface, the street class,
 * whether the street was resurfaced lately, and the area. Labels come from the book's own value
 * lists, so any council's book reads the same way. Pure.
 */
import type { Bilingual, Lang } from '../../i18n/lang';
import { formatNumber } from '../../i18n/format';

type ValueLabels = Record<string, Record<string, Bilingual>>;

interface DigBasis {
	surface: string;
	road_class: string;
	recently_paved: boolean;
	area_m2: number;
}

function basisOf(line: object): DigBasis | null {
	const basis = (line as { basis?: Partial<DigBasis> }).basis;
	if (!basis || typeof basis.surface !== 'string' || typeof basis.road_class !== 'string' || typeof basis.area_m2 !== 'number') return null;
	return { surface: basis.surface, road_class: basis.road_class, recently_paved: basis.recently_paved === true, area_m2: basis.area_m2 };
}

function detailIn(basis: DigBasis, labels: ValueLabels, lang: Lang): string {
	const surface = labels.surface?.[basis.surface]?.[lang] ?? basis.surface;
	const road = labels.road_class?.[basis.road_class]?.[lang] ?? basis.road_class;
	const area = formatNumber(basis.area_m2, lang, 1);
	const parts =
		lang === 'fa'
			? [`رویهٔ ${surface}`, `معبر ${road}`, ...(basis.recently_paved ? ['تازه روکش‌شده'] : []), `${area} مترمربع`]
			: [`${surface} surface`, `${road} street`, ...(basis.recently_paved ? ['recently resurfaced'] : []), `${area} m²`];
	return parts.join(lang === 'fa' ? '، ' : ', ');
}

/**
 * The part of the work a line was assessed on, in both languages; null for a line assessed once
 * for the whole request (a building permit's), which its title names well enough.
 * @example lineBasisDetail({ basis: { surface: 'asphalt', road_class: 'local', recently_paved: false, area_m2: 12.5 } }, {})
 * // { fa: 'رویهٔ asphalt، معبر local، ۱۲٫۵ مترمربع', en: 'asphalt surface, local street, 12.5 m²' }
 */
export function lineBasisDetail(line: object, labels: ValueLabels): Bilingual | null {
	const basis = basisOf(line);
	return basis ? { fa: detailIn(basis, labels, 'fa'), en: detailIn(basis, labels, 'en') } : null;
}
