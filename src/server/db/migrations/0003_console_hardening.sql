CREATE TABLE "desk_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality" text NOT NULL,
	"organisation" text NOT NULL,
	"label" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "desk_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "totp_pending" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_memberships" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_memberships" ADD COLUMN "invite_code_hash" text;--> statement-breakpoint
ALTER TABLE "staff_memberships" ADD COLUMN "invited_name" text;--> statement-breakpoint
ALTER TABLE "staff_memberships" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
ALTER TABLE "desk_codes" ADD CONSTRAINT "desk_codes_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "desk_codes_municipality_idx" ON "desk_codes" USING btree ("municipality");--> statement-breakpoint
-- Memberships from before invitations were taken up when they were made.
UPDATE "staff_memberships" SET "accepted_at" = "created_at";