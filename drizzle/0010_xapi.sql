CREATE TABLE "cmi5_accounts" (
	"home_page" text NOT NULL,
	"name" text NOT NULL,
	"user_id" text NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cmi5_launches" (
	"id" text PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"module_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"auth_token" text NOT NULL,
	"registration" text NOT NULL,
	"activity_id" text NOT NULL,
	"actor" jsonb NOT NULL,
	"launch_data" jsonb NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"terminated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "xapi_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"learner_id" text NOT NULL,
	"launch_id" text,
	"statement" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cmi5_accounts" ADD CONSTRAINT "cmi5_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cmi5_launches" ADD CONSTRAINT "cmi5_launches_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_outbox" ADD CONSTRAINT "xapi_outbox_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_outbox" ADD CONSTRAINT "xapi_outbox_launch_id_cmi5_launches_id_fk" FOREIGN KEY ("launch_id") REFERENCES "public"."cmi5_launches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cmi5_accounts_key" ON "cmi5_accounts" USING btree ("home_page","name");--> statement-breakpoint
CREATE INDEX "cmi5_accounts_user_idx" ON "cmi5_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cmi5_launches_learner_idx" ON "cmi5_launches" USING btree ("learner_id","module_id");--> statement-breakpoint
CREATE INDEX "xapi_outbox_due_idx" ON "xapi_outbox" USING btree ("next_attempt_at") WHERE sent_at is null;--> statement-breakpoint
CREATE INDEX "xapi_outbox_learner_idx" ON "xapi_outbox" USING btree ("learner_id");