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
ALTER TABLE "test_attempt_items" ADD CONSTRAINT "test_attempt_items_attempt_id_test_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."test_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_attempts" ADD CONSTRAINT "test_attempts_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_evaluations" ADD CONSTRAINT "test_evaluations_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_evaluations" ADD CONSTRAINT "test_evaluations_attempt_id_test_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."test_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "test_attempt_items_key" ON "test_attempt_items" USING btree ("attempt_id","item_id");--> statement-breakpoint
CREATE INDEX "test_attempt_items_item_idx" ON "test_attempt_items" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "test_attempts_key" ON "test_attempts" USING btree ("learner_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "test_evaluations_attempt_key" ON "test_evaluations" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "test_evaluations_learner_idx" ON "test_evaluations" USING btree ("learner_id");