-- What an assessment was doing when its modification's withdrawal cancelled it, so an adoption
-- inside the withdrawal period (recorded after the period ended) can put it back as it was.
ALTER TABLE assessments.Assessment ADD CancelledFrom int NULL;
