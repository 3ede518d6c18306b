from django import forms

from .models import Article


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "kicker",
            "title",
            "slug",
            "genre",
            "lead",
            "body",
            "byline",
            "category",
            "tags",
            "status",
            "published_at",
            "featured_position",
            "allow_comments",
            "featured_image",
            "featured_image_caption",
            "featured_image_credit",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"size": 90, "data-slug-source": "title"}),
            "slug": forms.TextInput(attrs={"size": 90, "data-slug-from": "title"}),
            "kicker": forms.TextInput(attrs={"size": 90}),
            "lead": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 90}),
            "byline": forms.TextInput(attrs={"size": 60}),
        }
