-- An agency's answered referrals, newest first (its cartable's «پاسخ‌داده‌شده» tab, listAnsweredReferrals): read in
-- order from this index and stopped at the page's 100, instead of every referral the agency was ever sent found
-- through case_referrals_agency_idx and sorted (a heritage office's history grows by thousands a year).
CREATE INDEX case_referrals_answered_idx ON case_referrals (agency_kind, replied_at DESC, id DESC) WHERE status = 'answered';
