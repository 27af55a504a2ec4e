-- AlterEnum
ALTER TYPE "OperationAction" ADD VALUE 'remove' BEFORE 'nop';
