CREATE TABLE "staff_sso_configs" (
	"municipality" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_sealed" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"password_login" boolean DEFAULT true NOT NULL,
	"provider_enforces_mfa" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "staff_sso_links" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"municipality" text NOT NULL,
	"staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "staff_sso_links_municipality_issuer_subject_pk" PRIMARY KEY("municipality","issuer","subject")
);
--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD COLUMN "sso_municipality" text;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD COLUMN "sso_second_factor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_sso_configs" ADD CONSTRAINT "staff_sso_configs_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sso_links" ADD CONSTRAINT "staff_sso_links_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_sso_links_staff_idx" ON "staff_sso_links" USING btree ("staff_id");