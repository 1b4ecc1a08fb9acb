ALTER TABLE "consents" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "reference" text;--> statement-breakpoint
CREATE UNIQUE INDEX "consents_reference_idx" ON "consents" USING btree ("reference");