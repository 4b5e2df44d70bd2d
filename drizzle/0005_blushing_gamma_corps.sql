CREATE TABLE "study_time" (
	"learner_id" text NOT NULL,
	"item_id" text NOT NULL,
	"beat_seconds" integer DEFAULT 0 NOT NULL,
	"beat_at" timestamp with time zone,
	"event_seconds" integer DEFAULT 0 NOT NULL,
	"event_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "study_time" ADD CONSTRAINT "study_time_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "study_time_learner_item_key" ON "study_time" USING btree ("learner_id","item_id");--> statement-breakpoint
CREATE INDEX "study_time_item_idx" ON "study_time" USING btree ("item_id");