/**
 * The UI's words: one catalogue, split by feature, Persian first.
 *
 * - Keys are `section.name` in snake_case (`panel.net_area`, `case.tracking_code`); a section belongs
 *   to one feature file. A new capability adds its own file here and spreads it into both tables.
 * - Each file has a `fa` table and an `en` table typed from it, so a key cannot lack its English.
 * - `{name}` marks a value `t()` fills in; both languages take the same ones (messages.test.ts checks).
 * - Persian text keeps Persian digits (۶ رقم); numbers filled in are formatted by the caller.
 */
import * as admin from './admin';
import * as bills from './bills';
import * as permitStory from './permit-story';
import * as cases from './cases';
import * as common from './common';
import * as dashboard from './dashboard';
import * as demo from './demo';
import * as drawing from './drawing';
import * as excavation from './excavation';
import * as excavationReferrals from './excavation-referrals';
import * as fees from './fees';
import * as forms from './forms';
import * as login from './login';
import * as map from './map';
import * as permits from './permits';
import * as planning from './planning';
import * as proposal from './proposal';
import * as security from './security';
import * as supervision from './supervision';
import * as trust from './trust';

export const fa = { ...map.fa, ...cases.fa, ...common.fa, ...admin.fa, ...login.fa, ...demo.fa, ...dashboard.fa, ...drawing.fa, ...excavation.fa, ...fees.fa, ...permits.fa, ...planning.fa, ...proposal.fa, ...security.fa, ...supervision.fa, ...trust.fa, ...excavationReferrals.fa, ...bills.fa, ...permitStory.fa, ...forms.fa };

export type MessageKey = keyof typeof fa;

export const en: Record<MessageKey, string> = { ...map.en, ...cases.en, ...common.en, ...admin.en, ...login.en, ...demo.en, ...dashboard.en, ...drawing.en, ...excavation.en, ...fees.en, ...permits.en, ...planning.en, ...proposal.en, ...security.en, ...supervision.en, ...trust.en, ...excavationReferrals.en, ...bills.en, ...permitStory.en, ...forms.en };

/** Each feature's tables, for the test that no two features define the same key. */
export const FEATURES = { map, cases, common, admin, login, demo, dashboard, drawing, excavation, fees, permits, planning, proposal, security, supervision, trust, excavationReferrals, bills, permitStory, forms };
