CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"municipality" text NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"scheme_ids" jsonb NOT NULL,
	"language" text NOT NULL,
	"consent_text_version" text NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"source" text DEFAULT 'resident' NOT NULL,
	"organisation" text,
	"email" text NOT NULL,
	"phone" text,
	"household" jsonb,
	"result" jsonb,
	"rulebook_version" text NOT NULL,
	"confirm_token_hash" text NOT NULL,
	"confirm_before" timestamp with time zone NOT NULL,
	"withdraw_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid,
	"kind" text NOT NULL,
	"campaign_id" uuid,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"message_id" text NOT NULL,
	"language" text NOT NULL,
	"template_version" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"raw" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_request_idx" ON "consents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "consents_confirm_token_idx" ON "consents" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "consents_withdraw_token_idx" ON "consents" USING btree ("withdraw_token_hash");--> statement-breakpoint
CREATE INDEX "consents_status_purpose_idx" ON "consents" USING btree ("status","purpose");--> statement-breakpoint
CREATE INDEX "consents_municipality_idx" ON "consents" USING btree ("municipality");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_dedupe_key_idx" ON "messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "messages_status_idx" ON "messages" USING btree ("status");--> statement-breakpoint
CREATE INDEX "messages_consent_idx" ON "messages" USING btree ("consent_id");