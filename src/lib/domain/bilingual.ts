/** A message in both UI languages; the one the user reads is picked at the edge. */
export interface Bilingual {
	fa: string;
	en: string;
}
