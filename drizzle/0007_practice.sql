CREATE TABLE "drill_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"drill_id" text NOT NULL,
	"place" text DEFAULT 'practice' NOT NULL,
	"body_note" text,
	"body" text NOT NULL,
	"content_version" text NOT NULL,
	"viewed_at" timestamp with time zone NOT NULL,
	"submittedAt" timestamp with time zone DEFAULT now() NOT NULL,
	"seconds" integer NOT NULL,
	"ratings" jsonb,
	"difficulty" text,
	"rated_at" timestamp with time zone,
	"visibility" text DEFAULT 'private' NOT NULL,
	"group_id" text,
	CONSTRAINT "drill_responses_place_check" CHECK ("drill_responses"."place" in ('practice', 'vignette')),
	CONSTRAINT "drill_responses_difficulty_check" CHECK ("drill_responses"."difficulty" in ('too-easy', 'about-right', 'too-hard')),
	CONSTRAINT "drill_responses_visibility_check" CHECK ("drill_responses"."visibility" in ('private', 'supervisor', 'group')),
	CONSTRAINT "drill_responses_group_check" CHECK ("drill_responses"."group_id" is null or "drill_responses"."visibility" = 'group')
);
--> statement-breakpoint
CREATE TABLE "drill_views" (
	"learner_id" text NOT NULL,
	"drill_id" text NOT NULL,
	"viewedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drill_views_learner_id_drill_id_pk" PRIMARY KEY("learner_id","drill_id")
);
--> statement-breakpoint
CREATE TABLE "practice_cards" (
	"learner_id" text NOT NULL,
	"drill_id" text NOT NULL,
	"card" jsonb NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"reps" integer DEFAULT 0 NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_cards_learner_id_drill_id_pk" PRIMARY KEY("learner_id","drill_id")
);
--> statement-breakpoint
CREATE TABLE "practice_levels" (
	"learner_id" text PRIMARY KEY NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_levels_level_check" CHECK ("practice_levels"."level" between 1 and 8)
);
--> statement-breakpoint
ALTER TABLE "drill_responses" ADD CONSTRAINT "drill_responses_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_responses" ADD CONSTRAINT "drill_responses_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drill_views" ADD CONSTRAINT "drill_views_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cards" ADD CONSTRAINT "practice_cards_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_levels" ADD CONSTRAINT "practice_levels_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drill_responses_learner_drill_idx" ON "drill_responses" USING btree ("learner_id","drill_id","submittedAt");--> statement-breakpoint
CREATE INDEX "drill_responses_group_idx" ON "drill_responses" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "practice_cards_learner_due_idx" ON "practice_cards" USING btree ("learner_id","due");