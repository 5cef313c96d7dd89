-- Data only, no schema change. The stored default views ("defaultView") carry the rule lists the graph API now
-- serves at GET /api/snapshots/:id/graph/rules, and summary edges with derived fields: they would be served as they
-- are until each snapshot's next import. GraphClassification is a cache: without a row, the graph API classifies
-- the snapshot on its next request and stores the classification and a new default view (lib/db/graph-classification.ts).
DELETE FROM "GraphClassification";
