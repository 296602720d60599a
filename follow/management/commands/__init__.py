"""Management commands of follow: `send_digests`."""
