/** The permit story from home (issue 8): the case page's way to the map drawing of the proposed building. Persian first. See ./index.ts. */
export const fa = {
	'permit_story.draw_on_map': 'ترسیم جانمایی ساختمان روی نقشه و بررسی طرح',
	'permit_story.draw_hint': 'جانمایی ساختمان را روی نقشهٔ پلاک بکشید، ضوابط را بررسی کنید و طرح را با همین پرونده ثبت کنید؛ یا مشخصات را در فرم زیر بنویسید.'
};

export const en: Record<keyof typeof fa, string> = {
	'permit_story.draw_on_map': 'Draw the building on the map and check the proposal',
	'permit_story.draw_hint': 'Draw the building’s footprint on the parcel’s map, check it against the rules and submit it with this case; or type the figures in the form below.'
};
