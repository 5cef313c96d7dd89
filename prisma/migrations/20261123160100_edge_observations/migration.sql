-- AlterTable
ALTER TABLE "TrafficEdge" ADD COLUMN     "observations" JSONB NOT NULL DEFAULT '[]';
