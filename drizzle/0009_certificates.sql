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
ALTER TABLE "certificate_details" ADD CONSTRAINT "certificate_details_number_certificates_number_fk" FOREIGN KEY ("number") REFERENCES "public"."certificates"("number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_details" ADD CONSTRAINT "certificate_details_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_status_index_key" ON "certificates" USING btree ("status_index");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_learner_valid_key" ON "certificates" USING btree ("learner_id") WHERE "certificates"."revoked_at" is null;