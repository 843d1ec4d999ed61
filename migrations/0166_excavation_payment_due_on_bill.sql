-- One payment deadline per bill (domain/bills/validity): a work waiting to be paid (an approved work, or a
-- regularised emergency without its permit, in its applicant's inbox) is due on its open bill's last day in
-- Iran, no longer ten working days from its approval. The works placed before this change are moved to that
-- day, so the work page, the cartable's «overdue» and the bill name one date.
UPDATE excavation_works w
SET due_on = ((a.expires_at AT TIME ZONE 'UTC') + interval '210 minutes')::date
FROM fee_assessments a
WHERE a.id = w.assessment_id
  AND a.status = 'open'
  AND w.holder = 'applicant'
  AND w.permit_document_id IS NULL
  AND w.status IN ('approved', 'active')
  AND w.due_on IS DISTINCT FROM ((a.expires_at AT TIME ZONE 'UTC') + interval '210 minutes')::date;
