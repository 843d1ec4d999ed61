/** The app's own form controls and the browser's checks in the page's language (not the browser's). */
export const fa = {
	'file.choose': 'انتخاب فایل',
	'file.choose_many': 'انتخاب فایل‌ها',
	'file.none': 'فایلی انتخاب نشده',
	'file.count': '{n} فایل',
	'validity.file_missing': 'یک فایل برگزینید.',
	'validity.files_missing': 'دست‌کم یک فایل برگزینید.',
	'validity.checkbox_missing': 'برای ادامه این گزینه را بزنید.',
	'validity.choice_missing': 'یکی از گزینه‌ها را برگزینید.',
	'validity.value_missing': 'این خانه را پر کنید.',
	'validity.type_mismatch': 'این مقدار درست نیست.',
	'validity.pattern_mismatch': 'این مقدار به قالب خواسته‌شده نیست.',
	'validity.too_short': 'دست‌کم {n} نویسه بنویسید.',
	'validity.too_long': 'بیش از {n} نویسه نیست.',
	'validity.range_underflow': 'کمتر از {n} نباشد.',
	'validity.range_overflow': 'بیشتر از {n} نباشد.',
	'validity.bad_input': 'عدد درستی بنویسید.',
	'validity.step_mismatch': 'این مقدار مجاز نیست.'
};

export const en: Record<keyof typeof fa, string> = {
	'file.choose': 'Choose file',
	'file.choose_many': 'Choose files',
	'file.none': 'No file chosen',
	'file.count': '{n} files',
	'validity.file_missing': 'Choose a file.',
	'validity.files_missing': 'Choose at least one file.',
	'validity.checkbox_missing': 'Tick this box to go on.',
	'validity.choice_missing': 'Choose one of the options.',
	'validity.value_missing': 'Fill in this field.',
	'validity.type_mismatch': 'This value is not valid.',
	'validity.pattern_mismatch': 'This value is not in the format asked for.',
	'validity.too_short': 'Write at least {n} characters.',
	'validity.too_long': 'At most {n} characters.',
	'validity.range_underflow': 'Not less than {n}.',
	'validity.range_overflow': 'Not more than {n}.',
	'validity.bad_input': 'Write a valid number.',
	'validity.step_mismatch': 'This value is not allowed.'
};
