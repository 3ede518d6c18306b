"""django-tasks-db's app, with its name in the admin's app list in Vietnamese
(its own is a plain English string that no catalog can translate). Kept out
of newsroom/apps.py, where a second AppConfig would stop Django from picking
NewsroomConfig by itself."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Tác vụ nền")
