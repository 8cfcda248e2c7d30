-- Which use took each cooldown, so that of two replicas taking one at the same moment exactly one learns it did.
ALTER TABLE cooldowns ADD COLUMN taken_by text;
