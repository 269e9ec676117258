"""The resident's rights under the AVG: a copy of everything (art. 15), correction (art. 16,
the resident's edit page and its history in the access log), erasure (art. 17) and
restriction of processing (art. 18)."""
