import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Coefficient, RoyaltyMonth, WorkType


class DongField(forms.DecimalField):
    """A whole number of đồng, typed “75000”, “75.000” or “75 000 đ”."""

    def __init__(self, *, label, max_digits):
        super().__init__(
            label=label,
            required=False,
            min_value=1,
            max_digits=max_digits,
            decimal_places=0,
            error_messages={
                "min_value": _("Phải lớn hơn 0."),
                "invalid": _("Hãy nhập số đồng, ví dụ 75.000."),
                "max_decimal_places": _("Số đồng không có phần lẻ."),
            },
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s.đ]|vnđ|vnd", "", value.strip().lower())
        return super().to_python(value)


class RoyaltyMonthForm(forms.ModelForm):
    """A month and its point value or fund."""

    point_value = DongField(label=_("giá trị một điểm (đồng)"), max_digits=12)
    fund = DongField(label=_("quỹ nhuận bút tháng (đồng)"), max_digits=15)

    class Meta:
        model = RoyaltyMonth
        fields = ("year", "month", "point_value", "fund")

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("point_value", "fund") if cleaned.get(name)]
        if len(given) > 1 or (self.instance.pk and not given and not self.errors):
            raise forms.ValidationError(_("Điền giá trị một điểm hoặc quỹ nhuận bút, không điền cả hai."))
        return cleaned


class GradeForm(forms.Form):
    """The grade of one contribution on the article's grading page."""

    work_type = forms.ModelChoiceField(
        label=_("thể loại"),
        queryset=WorkType.objects.filter(active=True),
        required=False,
        empty_label=_("— chưa chấm —"),
    )
    points = forms.DecimalField(
        label=_("điểm"), required=False, min_value=0, max_digits=6, decimal_places=2, localize=True
    )
    coefficients = forms.ModelMultipleChoiceField(
        label=_("hệ số"),
        queryset=Coefficient.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    share = forms.DecimalField(
        label=_("tỷ lệ hưởng (%)"),
        initial=Decimal("100"),
        min_value=Decimal("0.01"),
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,
    )
    note = forms.CharField(
        label=_("ghi chú"), required=False, max_length=1000, widget=forms.TextInput(attrs={"size": 30})
    )
    remove = forms.BooleanField(label=_("bỏ chấm"), required=False)

    def __init__(self, *args, contribution, **kwargs):
        self.contribution = contribution
        grade = getattr(contribution, "royalty_grade", None)
        if grade is not None:
            kwargs.setdefault(
                "initial",
                {
                    "work_type": grade.work_type_id,
                    "points": grade.points,
                    "coefficients": list(grade.coefficients.all()),
                    "share": grade.share,
                    "note": grade.note,
                },
            )
        super().__init__(*args, prefix=f"c{contribution.pk}", **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("work_type") and cleaned.get("points") is None and not cleaned.get("remove"):
            self.add_error("points", _("Hãy cho điểm."))
        return cleaned
