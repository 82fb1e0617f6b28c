"""Nightly operation: the once-per-night guard, the nightly job, run listings for ``status``/``runs``."""
