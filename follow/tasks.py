"""The digest as a django-tasks task, for a scheduler (cron, a worker's beat) to enqueue."""

from django_tasks import task

from follow.digest import send_digests


@task()
def send_digests_task(frequency: str | None = None) -> int:
    """Send the digests of `frequency` ('dagelijks', 'wekelijks'; None: every follow)."""
    return send_digests(frequency=frequency)
