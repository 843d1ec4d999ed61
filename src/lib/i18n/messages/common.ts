/** Words every page's tables share. */
export const fa = {
	/** the heading of a table's column of buttons and links (read by screen readers; not shown) */
	'common.actions': 'اقدام‌ها'
};

export const en: Record<keyof typeof fa, string> = {
	'common.actions': 'Actions'
};
