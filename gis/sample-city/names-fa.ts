/** Persian names for the sample city's streets, and Persian digits. Real Isfahan names, placed freely: it is sample data. */
export function faDigits(value: string | number): string {
	return String(value).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
}

export interface StreetName {
	fa: string;
	en: string;
}

/** North–south arterials; the first passes west of the historic core like the real Chaharbagh. */
export const ARTERIALS_NS: StreetName[] = [
	{ fa: 'خیابان چهارباغ عباسی', en: 'Chaharbagh-e Abbasi St' },
	{ fa: 'خیابان کاوه', en: 'Kaveh St' },
	{ fa: 'خیابان هاتف', en: 'Hatef St' },
	{ fa: 'خیابان هزارجریب', en: 'Hezar Jarib St' },
	{ fa: 'خیابان آتشگاه', en: 'Atashgah St' },
	{ fa: 'خیابان جی', en: 'Jey St' },
	{ fa: 'خیابان رباط', en: 'Robat St' },
	{ fa: 'خیابان کهندژ', en: 'Kohandezh St' },
	{ fa: 'خیابان بهارستان', en: 'Baharestan St' },
	{ fa: 'خیابان ملک‌شهر', en: 'Malekshahr St' },
	{ fa: 'خیابان سروش', en: 'Soroush St' },
	{ fa: 'خیابان ارتش', en: 'Artesh St' },
	{ fa: 'خیابان زینبیه', en: 'Zeynabieh St' },
	{ fa: 'خیابان خانه اصفهان', en: 'Khaneh Esfahan St' }
];

export const ARTERIALS_EW: StreetName[] = [
	{ fa: 'خیابان سپه', en: 'Sepah St' },
	{ fa: 'خیابان طالقانی', en: 'Taleghani St' },
	{ fa: 'خیابان نظر', en: 'Nazar St' },
	{ fa: 'خیابان شیخ صدوق', en: 'Sheikh Sadoogh St' },
	{ fa: 'خیابان آمادگاه', en: 'Amadegah St' },
	{ fa: 'خیابان توحید', en: 'Towhid St' },
	{ fa: 'خیابان مشتاق', en: 'Moshtagh St' },
	{ fa: 'خیابان پروین', en: 'Parvin St' },
	{ fa: 'خیابان امام خمینی', en: 'Imam Khomeini St' },
	{ fa: 'خیابان سعادت‌آباد', en: 'Saadat Abad St' },
	{ fa: 'خیابان آپادانا', en: 'Apadana St' },
	{ fa: 'خیابان ولیعصر', en: 'Valiasr St' }
];

export const DIAGONALS: StreetName[] = [
	{ fa: 'خیابان بزرگمهر', en: 'Bozorgmehr St' },
	{ fa: 'بزرگراه شهید خرازی', en: 'Shahid Kharrazi Hwy' }
];

/** Collectors and local streets: martyrs, poets, flowers, as Isfahan's are. */
export const COLLECTORS: StreetName[] = [
	'شهید بهشتی', 'شهید مطهری', 'شهید باهنر', 'شهید رجایی', 'شهید چمران', 'شهید همت', 'شهید باکری', 'شهید کشوری',
	'شهید فهمیده', 'شهید مدنی', 'شهید نواب صفوی', 'شهید صیاد شیرازی', 'شهید بابایی', 'شهید اشرفی اصفهانی',
	'شهید خرازی', 'شهید منتظری', 'شهید مفتح', 'شهید قدوسی', 'شهید دستغیب', 'شهید نامجو'
].map((n, i) => ({ fa: `خیابان ${n}`, en: `Collector ${i + 1}` }));

export const LOCALS: StreetName[] = [
	'سعدی', 'حافظ', 'فردوسی', 'مولوی', 'صائب', 'عطار', 'نظامی', 'خاقانی', 'جامی', 'وحشی', 'بیدل', 'کلیم', 'شیخ بهایی',
	'میرداماد', 'ملاصدرا', 'ابن‌سینا', 'فیض', 'نسترن', 'یاس', 'لاله', 'نرگس', 'ارغوان', 'اقاقیا', 'سنبل', 'شقایق',
	'مریم', 'نیلوفر', 'بهار', 'گلستان', 'سپیده', 'آزادی', 'بوستان', 'کوثر', 'فجر', 'رضوان', 'بهشت', 'مهر', 'ناژوان'
].map((n, i) => ({ fa: `خیابان ${n}`, en: `Local St ${i + 1}` }));

/** Alleys are numbered off their street, as «کوچه ۱۲»; some carry a name. */
export const ALLEY_NAMES = ['شهید حسینی', 'شهید احمدی', 'شهید کریمی', 'بن‌بست گلها', 'شهید رضایی', 'سرو', 'بید', 'چنار', 'کاج', 'صنوبر'];
