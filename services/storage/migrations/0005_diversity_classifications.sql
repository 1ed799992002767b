-- Supplier-diversity classifications (vendormatch.v1.DiversityClassification):
-- their codes as a filter column, like certifications. Existing records hold
-- none, so the default is their true value.
ALTER TABLE providers ADD COLUMN diversity_classifications text[] NOT NULL DEFAULT '{}';
CREATE INDEX providers_diversity_classifications ON providers
  USING gin (diversity_classifications);
