from django.urls import re_path

from . import views

app_name = "comments"

urlpatterns = [
    re_path(r"^binh-luan/(?P<pk>[0-9]{1,18})/$", views.CommentPostView.as_view(), name="post"),
]
