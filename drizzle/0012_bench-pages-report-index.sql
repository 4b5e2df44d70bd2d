DROP INDEX "test_responses_learner_phase_idx";--> statement-breakpoint
CREATE INDEX "test_responses_learner_phase_idx" ON "test_responses" USING btree ("learner_id","phase","response_id");