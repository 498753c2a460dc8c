"""Security tests: fuzzing, attack tests, permission probes and the audit log."""
