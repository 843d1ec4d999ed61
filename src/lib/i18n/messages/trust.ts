/** Ownership, powers of attorney, referral attachments and bulk spam rejection (issue 7), Persian first. See ./index.ts. */
export const fa = {
	'trust.poa_title': 'وکالت‌نامهٔ نماینده',
	'trust.poa_pending': 'نماینده با وکالت‌نامه درخواست داده است؛ تا وکالت‌نامه پذیرفته نشود، نماینده به پرونده دسترسی ندارد و پرونده مانع درخواست مالک نیست.',
	'trust.poa_accepted': 'وکالت‌نامه پذیرفته شده است.',
	'trust.poa_refused': 'وکالت‌نامه رد شده است.',
	'trust.poa_accept': 'پذیرش وکالت‌نامه',
	'trust.poa_refuse': 'رد وکالت‌نامه و درخواست',
	'trust.poa_reason': 'دلیل رد',
	'trust.poa_filed_note': 'درخواست ثبت شد؛ کارشناس منطقه وکالت‌نامه را بررسی می‌کند. تا آن زمان پرونده را با کد رهگیری و کد ملی مالک در صفحهٔ پیگیری دنبال کنید.',
	'trust.attach_for_agency': 'مدارکی که دستگاه می‌بیند',
	'trust.attach_hint': 'دستگاه فقط پرسش و همین مدارک را می‌بیند، نه باقی پرونده.',
	'trust.spam_title': 'رد گروهی درخواست‌های هرزنامه',
	'trust.spam_hint': 'پرونده‌ها را در فهرست بالا علامت بزنید؛ همه با یک دلیل و یکجا رد می‌شوند و به متقاضی پیامک می‌رود.',
	'trust.spam_pick': 'انتخاب برای رد گروهی',
	'trust.spam_reason': 'دلیل رد',
	'trust.spam_submit': 'رد پرونده‌های انتخاب‌شده',
	'trust.spam_done': '{count} پرونده رد شد.',
	'trust.agency_replied': 'پاسخ استعلام ثبت شد. با پاسخ، دسترسی دستگاه به این پرونده پایان یافت.',
	/** The timeline entry of a decision on a power of attorney (the case_action section's one trust entry). */
	'case_action.power_of_attorney': 'بررسی وکالت‌نامه'
};

export const en: Record<keyof typeof fa, string> = {
	'trust.poa_title': 'Representative’s power of attorney',
	'trust.poa_pending': 'A representative filed with a power of attorney; until it is accepted the representative has no access to the case and the case does not block the owner’s own request.',
	'trust.poa_accepted': 'The power of attorney is accepted.',
	'trust.poa_refused': 'The power of attorney was refused.',
	'trust.poa_accept': 'Accept the power of attorney',
	'trust.poa_refuse': 'Refuse it and reject the request',
	'trust.poa_reason': 'Reason for refusing',
	'trust.poa_filed_note': 'The request is filed; the district officer will check the power of attorney. Until then, follow the case on the tracking page with its tracking code and the owner’s national id.',
	'trust.attach_for_agency': 'Documents the agency sees',
	'trust.attach_hint': 'The agency sees only the question and these documents, not the rest of the case.',
	'trust.spam_title': 'Reject spam requests in bulk',
	'trust.spam_hint': 'Tick the cases in the list above; they are all rejected at once with one reason, and each applicant gets an SMS.',
	'trust.spam_pick': 'Choose for bulk rejection',
	'trust.spam_reason': 'Reason',
	'trust.spam_submit': 'Reject the chosen cases',
	'trust.spam_done': '{count} cases rejected.',
	'trust.agency_replied': 'Your reply to the referral is recorded. With it, your agency’s access to the case has ended.',
	'case_action.power_of_attorney': 'Power of attorney decided'
};
