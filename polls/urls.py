from django.urls import re_path

from . import views

app_name = "polls"

urlpatterns = [
    re_path(r"^tham-do/(?P<pk>[0-9]{1,18})/$", views.poll_detail, name="detail"),
    re_path(r"^tham-do/(?P<pk>[0-9]{1,18})/bieu-quyet/$", views.vote, name="vote"),
]
