-- CreateTable
CREATE TABLE "GraphClassification" (
    "snapshotId" UUID NOT NULL,
    "version" TIMESTAMP(3) NOT NULL,
    "graph" BYTEA NOT NULL,
    "defaultView" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GraphClassification_pkey" PRIMARY KEY ("snapshotId")
);

-- AddForeignKey
ALTER TABLE "GraphClassification" ADD CONSTRAINT "GraphClassification_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
