-- AlterEnum
ALTER TYPE "Side" ADD VALUE 'graph' AFTER 'exchangeOnline';
