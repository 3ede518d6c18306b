from django.urls import re_path

from guard.origin import same_origin_post

from . import views

app_name = "comments"

urlpatterns = [
    re_path(r"^binh-luan/(?P<pk>[0-9]{1,18})/$", same_origin_post(views.post_comment), name="post"),
]
