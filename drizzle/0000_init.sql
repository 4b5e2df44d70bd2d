CREATE TABLE "progress" (
	"learner_id" text NOT NULL,
	"module_id" text NOT NULL,
	"item_id" text NOT NULL,
	"status" text DEFAULT 'started' NOT NULL,
	"content_version" text NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_status_check" CHECK ("progress"."status" in ('started', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "quiz_answers" (
	"attempt_id" integer NOT NULL,
	"question_id" text NOT NULL,
	"answer" jsonb NOT NULL,
	"content_version" text NOT NULL,
	"answeredAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"quiz_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reflections" (
	"id" serial PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"prompt_key" text NOT NULL,
	"item_id" text NOT NULL,
	"body" text NOT NULL,
	"version" integer NOT NULL,
	"visibility" text DEFAULT 'private' NOT NULL,
	"content_version" text NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reflections_visibility_check" CHECK ("reflections"."visibility" in ('private', 'supervisor', 'group'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'trainee' NOT NULL,
	"locale" text DEFAULT 'nl' NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('trainee', 'supervisor', 'admin')),
	CONSTRAINT "users_locale_check" CHECK ("users"."locale" in ('nl', 'en'))
);
--> statement-breakpoint
CREATE TABLE "vignette_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"vignette_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"current_step" text NOT NULL,
	"path" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content_version" text NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "progress" ADD CONSTRAINT "progress_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_answers" ADD CONSTRAINT "quiz_answers_attempt_id_quiz_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quiz_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vignette_attempts" ADD CONSTRAINT "vignette_attempts_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_learner_item_key" ON "progress" USING btree ("learner_id","item_id");--> statement-breakpoint
CREATE INDEX "progress_learner_updated_idx" ON "progress" USING btree ("learner_id","updatedAt");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_answers_key" ON "quiz_answers" USING btree ("attempt_id","question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_attempts_key" ON "quiz_attempts" USING btree ("learner_id","quiz_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "reflections_learner_prompt_key" ON "reflections" USING btree ("learner_id","prompt_key");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "vignette_attempts_key" ON "vignette_attempts" USING btree ("learner_id","vignette_id","attempt");