CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"algorithm" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "signing_keys_purpose_check" CHECK ("signing_keys"."purpose" in ('credential', 'lti'))
);
--> statement-breakpoint
CREATE TABLE "test_attempt_items" (
	"attempt_id" integer NOT NULL,
	"position" integer NOT NULL,
	"item_id" text NOT NULL,
	"module_id" text NOT NULL,
	"option_order" jsonb NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"correct" boolean
);
--> statement-breakpoint
CREATE TABLE "test_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"startedAt" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"correct" integer,
	"total" integer NOT NULL,
	"score" integer,
	"passed" boolean,
	"pass_mark" integer NOT NULL,
	"content_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"attempt_id" integer NOT NULL,
	"relevance" integer NOT NULL,
	"objectives_met" integer NOT NULL,
	"content_quality" integer NOT NULL,
	"study_load" integer NOT NULL,
	"hours_spent" double precision NOT NULL,
	"comments" text DEFAULT '' NOT NULL,
	"content_version" text NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_details" (
	"number" text PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"printed_name" text NOT NULL,
	"register" text,
	"register_number" text,
	"study_seconds" integer NOT NULL,
	"points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attempt_id" integer NOT NULL,
	"evaluation_id" integer NOT NULL,
	"score" integer NOT NULL,
	"share_scores" boolean DEFAULT false NOT NULL,
	CONSTRAINT "certificate_details_register_check" CHECK ("certificate_details"."register" in ('BIG', 'NIP', 'NVP', 'VGCt', 'other'))
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"number" text PRIMARY KEY NOT NULL,
	"learner_id" text,
	"holder" text NOT NULL,
	"course_title" text NOT NULL,
	"content_version" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_index" serial NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
ALTER TABLE "test_attempt_items" ADD CONSTRAINT "test_attempt_items_attempt_id_test_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."test_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_attempts" ADD CONSTRAINT "test_attempts_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_evaluations" ADD CONSTRAINT "test_evaluations_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_evaluations" ADD CONSTRAINT "test_evaluations_attempt_id_test_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."test_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_details" ADD CONSTRAINT "certificate_details_number_certificates_number_fk" FOREIGN KEY ("number") REFERENCES "public"."certificates"("number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_details" ADD CONSTRAINT "certificate_details_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_active_key" ON "signing_keys" USING btree ("purpose") WHERE "signing_keys"."retired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "test_attempt_items_key" ON "test_attempt_items" USING btree ("attempt_id","item_id");--> statement-breakpoint
CREATE INDEX "test_attempt_items_item_idx" ON "test_attempt_items" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "test_attempts_key" ON "test_attempts" USING btree ("learner_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "test_evaluations_attempt_key" ON "test_evaluations" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "test_evaluations_learner_idx" ON "test_evaluations" USING btree ("learner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_status_index_key" ON "certificates" USING btree ("status_index");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_learner_valid_key" ON "certificates" USING btree ("learner_id") WHERE "certificates"."revoked_at" is null;