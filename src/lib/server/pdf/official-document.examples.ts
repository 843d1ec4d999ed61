import {
	SANDBOX_WATERMARK,
	type ItemLine,
	type OfficialDocumentKind,
	type OfficialDocumentSpec
} from './official-document';

/**
 * One made-up document of each kind (sample data, not a real municipality's tariff), used by the
 * tests and the benchmark and as a template for the services that will issue them.
 */

export const EXAMPLE_ORIGIN = 'https://pelak.example.ir';

const issuer = 'شهرداری اصفهان — منطقهٔ ۳';
const address = 'اصفهان، خیابان چهارباغ عباسی، کوچهٔ ۱۲، پلاک ۸';
const renovationCode = '03-0412-017';

const permitFees: readonly ItemLine[] = [
	{ title: 'عوارض زیربنا (مسکونی)', formula: '۶۱۲ م² × ۲۰٬۰۰۰ × ۱٫۲', amountRials: 14_688_000 },
	{ title: 'عوارض پذیره', formula: '۳ واحد × ۴٬۱۱۵٬۰۰۰', amountRials: 12_345_000 },
	{ title: 'بهای خدمات آتش‌نشانی', formula: '۵٪ عوارض زیربنا', amountRials: 734_400 },
	{ title: 'سهم آموزش و پرورش', formula: '۳٪ عوارض زیربنا', amountRials: 440_640 }
];

export const EXAMPLE_DOCUMENTS: Record<OfficialDocumentKind, OfficialDocumentSpec> = {
	zoning_statement: {
		kind: 'zoning_statement',
		issuer,
		title: 'دستور نقشه',
		titleEn: 'Zoning statement',
		number: 'ZS-1405-000217',
		issuedOn: '2026-06-05',
		verification: { origin: EXAMPLE_ORIGIN, code: 'ZS7Q-2M4K' },
		sections: [
			{
				kind: 'facts',
				heading: 'مشخصات ملک',
				rows: [
					{ label: 'کد نوسازی', value: renovationCode },
					{ label: 'پلاک ثبتی', value: '۱۲۳۴/۵۶ بخش ۵ اصفهان' },
					{ label: 'نشانی', value: address },
					{ label: 'مساحت پس از اصلاحی', value: { m2: 245.3 } },
					{ label: 'پهنه', value: 'مسکونی با تراکم متوسط (R121)' }
				]
			},
			{
				kind: 'facts',
				heading: 'ضوابط طرح تفصیلی',
				rows: [
					{ label: 'حداکثر سطح اشغال', value: { percent: 60 } },
					{ label: 'حداکثر تراکم ساختمانی', value: '۱۸۰٪ (۳ طبقه روی پیلوت)' },
					{ label: 'حداکثر ارتفاع', value: { metres: 12.5 } },
					{ label: 'عقب‌نشینی بر اصلاحی', value: { metres: 1.5 } }
				]
			},
			{
				kind: 'paragraphs',
				heading: 'شرایط',
				paragraphs: [
					'استقرار بنا در ۶۰٪ طول زمین به‌اضافهٔ ۲ متر، از بَر شمالی است.',
					'این دستور نقشه تا ۱۴۰۶/۰۳/۱۵ اعتبار دارد و پس از آن باید تمدید شود.',
					'رعایت مبحث ۱۹ مقررات ملی ساختمان (صرفه‌جویی در مصرف انرژی) و ضوابط آتش‌نشانی در طراحی الزامی است؛ نقشه‌های معماری، سازه و تأسیسات باید به تأیید سازمان نظام مهندسی ساختمان استان برسد و پیش از صدور پروانه به شهرداری تحویل شود.'
				]
			}
		]
	},

	building_permit: {
		kind: 'building_permit',
		issuer,
		title: 'پروانهٔ ساختمان',
		titleEn: 'Building permit',
		number: 'BP-1405-000123',
		issuedOn: '2026-06-05',
		verification: { origin: EXAMPLE_ORIGIN, code: 'K7Q2-9XF4' },
		sections: [
			{
				kind: 'facts',
				rows: [
					{ label: 'مالک', value: 'علی رضایی' },
					{ label: 'کد نوسازی', value: renovationCode },
					{ label: 'پلاک ثبتی', value: '۵۶/۷۸' },
					{ label: 'نشانی', value: address },
					{ label: 'زیربنای کل', value: { m2: 612.4 } },
					{ label: 'تعداد طبقات و واحدها', value: '۳ طبقه روی پیلوت، ۳ واحد مسکونی' },
					{ label: 'مهندس ناظر', value: 'مریم احمدی (پروانهٔ اشتغال ۱-۲۳-۴۵۶۷۸)' }
				]
			},
			{ kind: 'items', heading: 'عوارض و بهای خدمات', rows: permitFees },
			{
				kind: 'paragraphs',
				heading: 'شرایط',
				paragraphs: [
					'این پروانه تا دو سال از تاریخ صدور برای شروع عملیات ساختمانی اعتبار دارد.',
					'هر تغییر در نقشه‌های مصوب بدون اجازهٔ شهرداری تخلف است و به کمیسیون مادهٔ ۱۰۰ ارجاع می‌شود.',
					'نصب تابلوی مشخصات پروژه (شمارهٔ پروانه، نام مهندس ناظر) در محل کارگاه الزامی است.'
				]
			}
		]
	},

	receipt: {
		kind: 'receipt',
		issuer,
		title: 'رسید پرداخت عوارض',
		titleEn: 'Payment receipt',
		number: 'RC-1405-004512',
		issuedOn: '2026-06-07',
		verification: { origin: EXAMPLE_ORIGIN, code: 'RC3D-8PWA' },
		sections: [
			{
				kind: 'facts',
				rows: [
					{ label: 'پرداخت‌کننده', value: 'علی رضایی' },
					{ label: 'بابت', value: 'عوارض پروانهٔ ساختمان BP-1405-000123' },
					{ label: 'شناسهٔ قبض', value: '۱۲۳۴۵۶۷۸۰۰۱۲۳' },
					{ label: 'شناسهٔ پرداخت', value: '۲۸۲۰۸۰۴۱۴۰۵۶' },
					{ label: 'مبلغ پرداختی', value: { rials: 28_208_040 } },
					{ label: 'تاریخ پرداخت', value: { date: '2026-06-07' } }
				]
			},
			{ kind: 'items', rows: permitFees },
			{
				kind: 'paragraphs',
				numbered: false,
				paragraphs: ['این رسید بی‌مهر معتبر است؛ اصالت آن را با کد QR پایین صفحه بررسی کنید.']
			}
		]
	},

	certificate: {
		kind: 'certificate',
		issuer,
		title: 'گواهی پایان کار ساختمان',
		titleEn: 'Certificate of completion',
		number: 'CC-1405-000045',
		issuedOn: '2026-07-12',
		verification: { origin: EXAMPLE_ORIGIN, code: 'CC9H-4TZ2' },
		watermark: SANDBOX_WATERMARK,
		sections: [
			{
				kind: 'facts',
				rows: [
					{ label: 'شمارهٔ پروانه', value: 'BP-1403-000987' },
					{ label: 'کد نوسازی', value: renovationCode },
					{ label: 'زیربنای اجراشده', value: { m2: 598.7 } },
					{ label: 'تاریخ پایان عملیات', value: { date: '2026-07-01' } }
				]
			},
			{
				kind: 'paragraphs',
				numbered: false,
				paragraphs: ['ساختمان مطابق پروانه و نقشه‌های مصوب ساخته شده و در بازدید پایانی تخلفی در آن دیده نشد.']
			}
		]
	},

	excavation_permit: {
		kind: 'excavation_permit',
		issuer,
		title: 'مجوز حفاری در معابر',
		titleEn: 'Street excavation permit',
		number: 'EX-1405-000078',
		issuedOn: '2026-06-08',
		verification: { origin: EXAMPLE_ORIGIN, code: 'EX5N-1VQ8' },
		sections: [
			{
				kind: 'facts',
				rows: [
					{ label: 'متقاضی', value: 'شرکت آب و فاضلاب استان اصفهان' },
					{ label: 'شمارهٔ پروژه', value: 'WW-77/1405' },
					{ label: 'محل حفاری', value: 'خیابان حکیم نظامی، حدفاصل کوچهٔ ۱۴ تا ۱۸' },
					{ label: 'ابعاد ترانشه', value: '۸۵ متر × ۰٫۸ متر، عمق ۱٫۵ متر' },
					{ label: 'مدت مجاز', value: 'از ۱۴۰۵/۰۳/۲۰ تا ۱۴۰۵/۰۴/۰۵' }
				]
			},
			{
				kind: 'items',
				rows: [
					{ title: 'هزینهٔ ترمیم آسفالت', formula: '۶۸ م² × ۱٬۲۵۰٬۰۰۰', amountRials: 85_000_000 },
					{ title: 'تضمین حسن انجام کار', formula: '۱۰٪ هزینهٔ ترمیم', amountRials: 8_500_000 }
				]
			},
			{
				kind: 'paragraphs',
				heading: 'شرایط',
				paragraphs: [
					'حفاری فقط از ساعت ۲۲ تا ۶ بامداد مجاز است.',
					'نصب علائم ایمنی و چراغ چشمک‌زن در تمام مدت کار الزامی است.',
					'ترمیم رویه ظرف ۴۸ ساعت پس از پایان کار بر عهدهٔ متقاضی است.'
				]
			}
		]
	}
};
