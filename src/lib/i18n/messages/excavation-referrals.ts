/** An agency's inbox of excavation referrals (protected areas, issue 9), Persian first. See ./index.ts. */
export const fa = {
	'excavation_referral.inbox': 'استعلام‌های حفاری در انتظار پاسخ شما',
	'excavation_referral.inbox_hint': 'حفاری‌هایی که به محدودهٔ حفاظت‌شدهٔ دستگاه شما می‌رسند. پس از ثبت پاسخ، کار از این فهرست بیرون می‌رود و دیگر در دسترس شما نیست.',
	'excavation_referral.none': 'استعلامی در انتظار پاسخ شما نیست.',
	'excavation_referral.why': 'موضوع استعلام',
	'excavation_referral.answer_by': 'پاسخ پیش از',
	'excavation_referral.open': 'دیدن و پاسخ',
	'excavation_referral.replied': 'پاسخ استعلام ثبت شد.',
	'excavation_referral.agency_view': 'شما این کار را فقط برای پاسخ به استعلام دستگاه خود می‌بینید.',
	'excavation_referral.note': 'شرایط یا دلیل (اختیاری)',
	'excavation_referral.consent': 'موافقت',
	'excavation_referral.object': 'مخالفت',
	'excavation_referral.record_received': 'ثبت پاسخ {agency} (دریافتی)',
	'excavation_referral.record_received_hint': '— پاسخی که دستگاه با نامه فرستاده است؛ دستگاه می‌تواند خودش نیز از کارتابل خود پاسخ دهد.',
	'excavation_referral.recorded_received': 'ثبت پاسخ {agency} (دریافتی): {answer}',
	'excavation_referral.answered_by_agency': 'پاسخ {agency}: {answer}'
};

export const en: Record<keyof typeof fa, string> = {
	'excavation_referral.inbox': 'Excavation referrals awaiting your answer',
	'excavation_referral.inbox_hint': 'Digs reaching your agency’s protected areas. Once you answer, the work leaves this list and you no longer see it.',
	'excavation_referral.none': 'No referral is awaiting your answer.',
	'excavation_referral.why': 'Referred because',
	'excavation_referral.answer_by': 'Answer before',
	'excavation_referral.open': 'View and answer',
	'excavation_referral.replied': 'Your answer to the referral was recorded.',
	'excavation_referral.agency_view': 'You see this work only to answer your agency’s referral.',
	'excavation_referral.note': 'Conditions or reason (optional)',
	'excavation_referral.consent': 'Consent',
	'excavation_referral.object': 'Object',
	'excavation_referral.record_received': 'Record the answer received from {agency}',
	'excavation_referral.record_received_hint': '— an answer the agency sent by letter; the agency may also answer from its own cartable.',
	'excavation_referral.recorded_received': 'Answer received from {agency} recorded: {answer}',
	'excavation_referral.answered_by_agency': '{agency} answered: {answer}'
};
