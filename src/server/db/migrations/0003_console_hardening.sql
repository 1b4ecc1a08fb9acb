ALTER TABLE "staff_memberships" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_memberships" ADD COLUMN "invite_code_hash" text;--> statement-breakpoint
ALTER TABLE "staff_memberships" ADD COLUMN "invited_name" text;--> statement-breakpoint
ALTER TABLE "staff_memberships" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
-- Memberships from before invitations were taken up when they were made.
UPDATE "staff_memberships" SET "accepted_at" = "created_at";