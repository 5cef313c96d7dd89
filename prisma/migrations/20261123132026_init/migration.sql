-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'duplicate');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'editor', 'admin');

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "trafficFrom" TIMESTAMP(3),
    "trafficTo" TIMESTAMP(3),
    "isBaseline" BOOLEAN NOT NULL DEFAULT false,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Namespace" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "annotations" JSONB NOT NULL,
    "sourceFile" TEXT,
    "sourceLine" INTEGER,

    CONSTRAINT "Namespace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workload" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "podLabels" JSONB NOT NULL,
    "podAnnotations" JSONB NOT NULL,
    "serviceAccount" TEXT NOT NULL,
    "ports" JSONB NOT NULL,
    "containers" TEXT[],
    "hostNetwork" BOOLEAN NOT NULL DEFAULT false,
    "sourceFile" TEXT,
    "sourceLine" INTEGER,

    CONSTRAINT "Workload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pod" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "annotations" JSONB NOT NULL,
    "ips" TEXT[],
    "nodeName" TEXT,
    "hostIP" TEXT,
    "hostNetwork" BOOLEAN NOT NULL DEFAULT false,
    "serviceAccount" TEXT NOT NULL,
    "ports" JSONB NOT NULL,
    "containers" TEXT[],
    "phase" TEXT,
    "workloadKind" TEXT NOT NULL,
    "workloadName" TEXT NOT NULL,
    "workloadId" INTEGER,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "sourceFile" TEXT,
    "sourceLine" INTEGER,

    CONSTRAINT "Pod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "clusterIPs" TEXT[],
    "selector" JSONB,
    "ports" JSONB NOT NULL,
    "sourceFile" TEXT,
    "sourceLine" INTEGER,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAccount" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceFile" TEXT,
    "sourceLine" INTEGER,

    CONSTRAINT "ServiceAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndpointSlice" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serviceName" TEXT,
    "endpoints" JSONB NOT NULL,
    "ports" JSONB NOT NULL,
    "sourceFile" TEXT,
    "sourceLine" INTEGER,

    CONSTRAINT "EndpointSlice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterNode" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ips" TEXT[],
    "labels" JSONB NOT NULL,

    CONSTRAINT "ClusterNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "family" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "namespace" TEXT,
    "name" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "body" JSONB NOT NULL,
    "rawYaml" TEXT NOT NULL,
    "normalized" JSONB,
    "sourceFile" TEXT NOT NULL,
    "sourceLine" INTEGER NOT NULL,
    "diagnostics" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrafficEdge" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT '',
    "pathTemplate" TEXT NOT NULL DEFAULT '',
    "appProtocol" TEXT,
    "countUnit" TEXT,
    "count" BIGINT NOT NULL,
    "bytes" BIGINT,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL,
    "verdicts" JSONB NOT NULL DEFAULT '{}',
    "observedBy" TEXT[],
    "ruleRefs" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "TrafficEdge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnresolvedRecord" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "importJobId" INTEGER,
    "format" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "firstSeen" TIMESTAMP(3),
    "lastSeen" TIMESTAMP(3),
    "samples" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "UnresolvedRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'pending',
    "fileName" TEXT NOT NULL,
    "format" TEXT,
    "contentHash" TEXT NOT NULL,
    "sizeBytes" BIGINT,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "diagnostics" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "userId" UUID,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Draft" (
    "id" UUID NOT NULL,
    "snapshotId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "kinds" TEXT[],
    "keptEdges" JSONB NOT NULL DEFAULT '[]',
    "yaml" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "userId" UUID,

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrownJewel" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "targetKind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrownJewel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GraphLayout" (
    "id" SERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "positions" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GraphLayout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "oidcIssuer" TEXT,
    "oidcSubject" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Snapshot_createdAt_idx" ON "Snapshot"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Snapshot_cluster_name_key" ON "Snapshot"("cluster", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Namespace_snapshotId_name_key" ON "Namespace"("snapshotId", "name");

-- CreateIndex
CREATE INDEX "Workload_snapshotId_namespace_name_idx" ON "Workload"("snapshotId", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Workload_snapshotId_namespace_kind_name_key" ON "Workload"("snapshotId", "namespace", "kind", "name");

-- CreateIndex
CREATE INDEX "Pod_workloadId_idx" ON "Pod"("workloadId");

-- CreateIndex
CREATE UNIQUE INDEX "Pod_snapshotId_namespace_name_key" ON "Pod"("snapshotId", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Service_snapshotId_namespace_name_key" ON "Service"("snapshotId", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAccount_snapshotId_namespace_name_key" ON "ServiceAccount"("snapshotId", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "EndpointSlice_snapshotId_namespace_name_key" ON "EndpointSlice"("snapshotId", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterNode_snapshotId_name_key" ON "ClusterNode"("snapshotId", "name");

-- CreateIndex
CREATE INDEX "Policy_snapshotId_family_idx" ON "Policy"("snapshotId", "family");

-- CreateIndex
CREATE INDEX "Policy_snapshotId_kind_namespace_name_idx" ON "Policy"("snapshotId", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "TrafficEdge_snapshotId_destination_idx" ON "TrafficEdge"("snapshotId", "destination");

-- CreateIndex
CREATE INDEX "TrafficEdge_snapshotId_lastSeen_idx" ON "TrafficEdge"("snapshotId", "lastSeen");

-- CreateIndex
CREATE UNIQUE INDEX "TrafficEdge_snapshotId_source_destination_port_protocol_met_key" ON "TrafficEdge"("snapshotId", "source", "destination", "port", "protocol", "method", "pathTemplate");

-- CreateIndex
CREATE INDEX "UnresolvedRecord_snapshotId_reason_idx" ON "UnresolvedRecord"("snapshotId", "reason");

-- CreateIndex
CREATE UNIQUE INDEX "ImportJob_snapshotId_contentHash_key" ON "ImportJob"("snapshotId", "contentHash");

-- CreateIndex
CREATE INDEX "Draft_snapshotId_idx" ON "Draft"("snapshotId");

-- CreateIndex
CREATE UNIQUE INDEX "CrownJewel_snapshotId_targetKind_target_key" ON "CrownJewel"("snapshotId", "targetKind", "target");

-- CreateIndex
CREATE UNIQUE INDEX "GraphLayout_snapshotId_key_key" ON "GraphLayout"("snapshotId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_userId_at_idx" ON "AuditLog"("userId", "at");

-- AddForeignKey
ALTER TABLE "Namespace" ADD CONSTRAINT "Namespace_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workload" ADD CONSTRAINT "Workload_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pod" ADD CONSTRAINT "Pod_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pod" ADD CONSTRAINT "Pod_workloadId_fkey" FOREIGN KEY ("workloadId") REFERENCES "Workload"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAccount" ADD CONSTRAINT "ServiceAccount_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EndpointSlice" ADD CONSTRAINT "EndpointSlice_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterNode" ADD CONSTRAINT "ClusterNode_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrafficEdge" ADD CONSTRAINT "TrafficEdge_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnresolvedRecord" ADD CONSTRAINT "UnresolvedRecord_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnresolvedRecord" ADD CONSTRAINT "UnresolvedRecord_importJobId_fkey" FOREIGN KEY ("importJobId") REFERENCES "ImportJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Draft" ADD CONSTRAINT "Draft_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Draft" ADD CONSTRAINT "Draft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrownJewel" ADD CONSTRAINT "CrownJewel_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GraphLayout" ADD CONSTRAINT "GraphLayout_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
