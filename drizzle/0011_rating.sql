CREATE TABLE "calibration_scores" (
	"rater_id" text NOT NULL,
	"round" integer NOT NULL,
	"item_id" text NOT NULL,
	"scores" jsonb NOT NULL,
	"ratedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calibration_scores_rater_id_round_item_id_pk" PRIMARY KEY("rater_id","round","item_id"),
	CONSTRAINT "calibration_scores_round_check" CHECK ("calibration_scores"."round" >= 1)
);
--> statement-breakpoint
CREATE TABLE "performance_tests" (
	"learner_id" text NOT NULL,
	"phase" text NOT NULL,
	"form" text NOT NULL,
	"startedAt" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "performance_tests_learner_id_phase_pk" PRIMARY KEY("learner_id","phase"),
	CONSTRAINT "performance_tests_phase_check" CHECK ("performance_tests"."phase" in ('pre', 'post', 'retention')),
	CONSTRAINT "performance_tests_form_check" CHECK ("performance_tests"."form" in ('a', 'b', 'c'))
);
--> statement-breakpoint
CREATE TABLE "response_ratings" (
	"id" serial PRIMARY KEY NOT NULL,
	"response_id" integer NOT NULL,
	"rater_id" text,
	"scores" jsonb NOT NULL,
	"comment" text NOT NULL,
	"calibrated" boolean NOT NULL,
	"ratedAt" timestamp with time zone DEFAULT now() NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	CONSTRAINT "response_ratings_response_rater_unique" UNIQUE("response_id","rater_id"),
	CONSTRAINT "response_ratings_reply_check" CHECK (("response_ratings"."reply" is null) = ("response_ratings"."replied_at" is null))
);
--> statement-breakpoint
CREATE TABLE "self_efficacy_answers" (
	"learner_id" text NOT NULL,
	"phase" text NOT NULL,
	"item_id" text NOT NULL,
	"value" integer NOT NULL,
	"answeredAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_efficacy_answers_learner_id_phase_item_id_pk" PRIMARY KEY("learner_id","phase","item_id"),
	CONSTRAINT "self_efficacy_answers_phase_check" CHECK ("self_efficacy_answers"."phase" in ('pre', 'post', 'retention'))
);
--> statement-breakpoint
CREATE TABLE "test_responses" (
	"response_id" integer PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"phase" text NOT NULL,
	CONSTRAINT "test_responses_phase_check" CHECK ("test_responses"."phase" in ('pre', 'post', 'retention'))
);
--> statement-breakpoint
ALTER TABLE "calibration_scores" ADD CONSTRAINT "calibration_scores_rater_id_users_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_tests" ADD CONSTRAINT "performance_tests_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_ratings" ADD CONSTRAINT "response_ratings_response_id_drill_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."drill_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_ratings" ADD CONSTRAINT "response_ratings_rater_id_users_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_efficacy_answers" ADD CONSTRAINT "self_efficacy_answers_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_responses" ADD CONSTRAINT "test_responses_response_id_drill_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."drill_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_responses" ADD CONSTRAINT "test_responses_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "response_ratings_rater_idx" ON "response_ratings" USING btree ("rater_id");--> statement-breakpoint
CREATE INDEX "test_responses_learner_phase_idx" ON "test_responses" USING btree ("learner_id","phase");