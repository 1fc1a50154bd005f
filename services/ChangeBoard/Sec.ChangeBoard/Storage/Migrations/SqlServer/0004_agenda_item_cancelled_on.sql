-- The date of the withdrawal that cancelled an item, so a reversed withdrawal (an adoption inside
-- its period, recorded late) brings back exactly the items it cancelled.
ALTER TABLE changeboard.AgendaItem ADD CancelledOn date NULL;
