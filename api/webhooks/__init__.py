"""Signed webhook events on publish, unpublish, delete and move, delivered by tasks."""
