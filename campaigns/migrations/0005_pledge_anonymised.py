"""A pledge whose donor's details were removed (erasure, retention) needs neither e-mail nor phone."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0004_pledge_email_or_phone_and_text_limits'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='pledge',
            name='pledge_email_or_phone',
        ),
        migrations.AddField(
            model_name='pledge',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="donor's details removed"),
        ),
        migrations.AddConstraint(
            model_name='pledge',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('email', ''), _negated=True), models.Q(('phone', ''), _negated=True), ('anonymised_at__isnull', False), _connector='OR'), name='pledge_email_or_phone'),
        ),
    ]
