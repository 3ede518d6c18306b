"""The print edition's background work (Django's tasks framework, run by
``manage.py db_worker``; docs/operations.md)."""

from django_tasks import task

from . import services


@task()
def process_issue(issue_id, token):
    """Check and render upload ``token`` of issue ``issue_id``
    (editions.services.process_issue); progress and errors are on the issue."""
    return services.process_issue(issue_id, token)
