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
	{ fa: 'خیابان شهید بهشتی', en: 'Shahid Beheshti St' },
	{ fa: 'خیابان شهید مطهری', en: 'Shahid Motahari St' },
	{ fa: 'خیابان شهید باهنر', en: 'Shahid Bahonar St' },
	{ fa: 'خیابان شهید رجایی', en: 'Shahid Rajaei St' },
	{ fa: 'خیابان شهید چمران', en: 'Shahid Chamran St' },
	{ fa: 'خیابان شهید همت', en: 'Shahid Hemmat St' },
	{ fa: 'خیابان شهید باکری', en: 'Shahid Bakeri St' },
	{ fa: 'خیابان شهید کشوری', en: 'Shahid Keshvari St' },
	{ fa: 'خیابان شهید فهمیده', en: 'Shahid Fahmideh St' },
	{ fa: 'خیابان شهید مدنی', en: 'Shahid Madani St' },
	{ fa: 'خیابان شهید نواب صفوی', en: 'Shahid Navvab Safavi St' },
	{ fa: 'خیابان شهید صیاد شیرازی', en: 'Shahid Sayyad Shirazi St' },
	{ fa: 'خیابان شهید بابایی', en: 'Shahid Babaei St' },
	{ fa: 'خیابان شهید اشرفی اصفهانی', en: 'Shahid Ashrafi Esfahani St' },
	{ fa: 'خیابان شهید خرازی', en: 'Shahid Kharrazi St' },
	{ fa: 'خیابان شهید منتظری', en: 'Shahid Montazeri St' },
	{ fa: 'خیابان شهید مفتح', en: 'Shahid Mofatteh St' },
	{ fa: 'خیابان شهید قدوسی', en: 'Shahid Ghoddusi St' },
	{ fa: 'خیابان شهید دستغیب', en: 'Shahid Dastgheib St' },
	{ fa: 'خیابان شهید نامجو', en: 'Shahid Namjoo St' }
];

export const LOCALS: StreetName[] = [
	{ fa: 'خیابان سعدی', en: 'Saadi St' },
	{ fa: 'خیابان حافظ', en: 'Hafez St' },
	{ fa: 'خیابان فردوسی', en: 'Ferdowsi St' },
	{ fa: 'خیابان مولوی', en: 'Molavi St' },
	{ fa: 'خیابان صائب', en: 'Saeb St' },
	{ fa: 'خیابان عطار', en: 'Attar St' },
	{ fa: 'خیابان نظامی', en: 'Nezami St' },
	{ fa: 'خیابان خاقانی', en: 'Khaghani St' },
	{ fa: 'خیابان جامی', en: 'Jami St' },
	{ fa: 'خیابان وحشی', en: 'Vahshi St' },
	{ fa: 'خیابان بیدل', en: 'Bidel St' },
	{ fa: 'خیابان کلیم', en: 'Kalim St' },
	{ fa: 'خیابان شیخ بهایی', en: 'Sheikh Bahaei St' },
	{ fa: 'خیابان میرداماد', en: 'Mirdamad St' },
	{ fa: 'خیابان ملاصدرا', en: 'Mollasadra St' },
	{ fa: 'خیابان ابن‌سینا', en: 'Ibn Sina St' },
	{ fa: 'خیابان فیض', en: 'Feyz St' },
	{ fa: 'خیابان نسترن', en: 'Nastaran St' },
	{ fa: 'خیابان یاس', en: 'Yas St' },
	{ fa: 'خیابان لاله', en: 'Laleh St' },
	{ fa: 'خیابان نرگس', en: 'Narges St' },
	{ fa: 'خیابان ارغوان', en: 'Arghavan St' },
	{ fa: 'خیابان اقاقیا', en: 'Aghaghia St' },
	{ fa: 'خیابان سنبل', en: 'Sonbol St' },
	{ fa: 'خیابان شقایق', en: 'Shaghayegh St' },
	{ fa: 'خیابان مریم', en: 'Maryam St' },
	{ fa: 'خیابان نیلوفر', en: 'Niloofar St' },
	{ fa: 'خیابان بهار', en: 'Bahar St' },
	{ fa: 'خیابان گلستان', en: 'Golestan St' },
	{ fa: 'خیابان سپیده', en: 'Sepideh St' },
	{ fa: 'خیابان آزادی', en: 'Azadi St' },
	{ fa: 'خیابان بوستان', en: 'Boostan St' },
	{ fa: 'خیابان کوثر', en: 'Kowsar St' },
	{ fa: 'خیابان فجر', en: 'Fajr St' },
	{ fa: 'خیابان رضوان', en: 'Rezvan St' },
	{ fa: 'خیابان بهشت', en: 'Behesht St' },
	{ fa: 'خیابان مهر', en: 'Mehr St' },
	{ fa: 'خیابان ناژوان', en: 'Nazhvan St' }
];

/** Alleys are numbered off their street, as «کوچه ۱۲»; some carry a name. */
export const ALLEY_NAMES = ['شهید حسینی', 'شهید احمدی', 'شهید کریمی', 'بن‌بست گلها', 'شهید رضایی', 'سرو', 'بید', 'چنار', 'کاج', 'صنوبر'];
