-- AlterTable
ALTER TABLE "Pod" ADD COLUMN     "probes" JSONB NOT NULL DEFAULT '[]';
