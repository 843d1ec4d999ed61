/** A fee too large for one payment id, issued as several bills (instalments): the assessment and receipt pages. Persian first. See ./index.ts. */
export const fa = {
	'bills.split_note':
		'مبلغ این صورت‌حساب از سقف یک شناسهٔ پرداخت ({max}) بیشتر است؛ در {count} قبض با یک شناسهٔ قبض و شناسه‌های پرداخت جدا صادر شده است. پرداخت عوارض وقتی کامل می‌شود که همهٔ قبض‌ها پرداخت شوند.',
	'bills.instalment': 'قبض {seq} از {of}',
	'bills.bill': 'قبض',
	'bills.amount': 'مبلغ',
	'bills.state': 'وضعیت',
	'bills.paid': 'پرداخت شد',
	'bills.unpaid': 'پرداخت نشده',
	'bills.pay_this': 'پرداخت قبض {seq}',
	'bills.receipt': 'رسید',
	'bills.remaining': '{count} قبض از {of} قبض هنوز پرداخت نشده است.',
	'bills.all_paid': 'همهٔ قبض‌ها پرداخت شده است.',
	'bills.receipt_of': 'این رسید قبض {seq} از {of} صورت‌حساب است؛ جمع صورت‌حساب {total} است.'
};

export const en: Record<keyof typeof fa, string> = {
	'bills.split_note':
		'The total exceeds what one payment id can carry ({max}); it was issued as {count} bills under one bill id, each with its own payment id. The fee is paid only when every bill is paid.',
	'bills.instalment': 'Bill {seq} of {of}',
	'bills.bill': 'Bill',
	'bills.amount': 'Amount',
	'bills.state': 'Status',
	'bills.paid': 'Paid',
	'bills.unpaid': 'Not paid',
	'bills.pay_this': 'Pay bill {seq}',
	'bills.receipt': 'Receipt',
	'bills.remaining': '{count} of {of} bills are not paid yet.',
	'bills.all_paid': 'Every bill is paid.',
	'bills.receipt_of': 'This receipt is for bill {seq} of {of} of the assessment; the assessment’s total is {total}.'
};
