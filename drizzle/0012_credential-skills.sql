CREATE TABLE "certificate_skill_scores" (
	"number" text NOT NULL,
	"learner_id" text NOT NULL,
	"skill" text NOT NULL,
	"name" text NOT NULL,
	"mean" double precision NOT NULL,
	"ratings" integer NOT NULL,
	CONSTRAINT "certificate_skill_scores_number_skill_pk" PRIMARY KEY("number","skill")
);
--> statement-breakpoint
ALTER TABLE "certificate_details" ADD COLUMN "share_skills" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "locale" text DEFAULT 'nl' NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "course_updated" text;--> statement-breakpoint
ALTER TABLE "certificate_skill_scores" ADD CONSTRAINT "certificate_skill_scores_number_certificate_details_number_fk" FOREIGN KEY ("number") REFERENCES "public"."certificate_details"("number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_skill_scores" ADD CONSTRAINT "certificate_skill_scores_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_locale_check" CHECK ("certificates"."locale" in ('nl', 'en'));