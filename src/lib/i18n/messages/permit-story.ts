/** The permit story from home (issue 8): the case page's way to the map drawing of the proposed building. Persian first. See ./index.ts. */
export const fa = {
	'permit_story.draw_on_map': 'ترسیم جانمایی ساختمان روی نقشه و بررسی طرح',
	'permit_story.draw_hint': 'طبقات، واحدها و جانمایی ساختمان را در صفحهٔ طرح پیشنهادی پلاک وارد کنید (جانمایی را روی نقشه بکشید یا مساحت سطح اشغال را بنویسید)، با ضوابط بررسی کنید و طرح را با همین پرونده ثبت کنید.'
};

export const en: Record<keyof typeof fa, string> = {
	'permit_story.draw_on_map': 'Draw the building on the map and check the proposal',
	'permit_story.draw_hint': 'Enter the floors, units and footprint on the parcel’s proposal page (draw the footprint on the map, or type its area), check them against the rules and submit the proposal with this case.'
};
