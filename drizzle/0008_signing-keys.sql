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
CREATE UNIQUE INDEX "signing_keys_active_key" ON "signing_keys" USING btree ("purpose") WHERE "signing_keys"."retired_at" is null;