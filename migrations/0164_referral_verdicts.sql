-- An agency's answer to a case referral carries its verdict, as an excavation referral's does (consented/objected):
-- agree, agree with conditions (written in the reply), or disagree. NULL on replies given before the choice existed
-- (and on the SAMPLE history's), which are shown as their text alone.
ALTER TABLE case_referrals
  ADD COLUMN verdict text CHECK (verdict IN ('agree', 'agree_with_conditions', 'disagree')),
  ADD CONSTRAINT case_referrals_verdict_answered CHECK (verdict IS NULL OR status = 'answered');
