/**
 * The phone layout's breakpoint, as the stylesheets' `@media (max-width: 700px)` rules have it
 * (AppHeader, ParcelPanel, the map page): one test for scripts that must agree with them.
 */
export const PHONE_MEDIA = '(max-width: 700px)';

/** True when the phone layout applies (the browser only: call it from onMount or an event). */
export function onPhone(): boolean {
	return window.matchMedia(PHONE_MEDIA).matches;
}
