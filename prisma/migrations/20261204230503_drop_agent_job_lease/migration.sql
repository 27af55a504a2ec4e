-- DropTable
DROP TABLE "AgentJobLease";
