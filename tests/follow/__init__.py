"""Tests of follow: follows, digests, unsubscribe and the follow button."""
