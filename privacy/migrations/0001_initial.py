"""Retention periods (a site setting) and erasure requests."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RetentionSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('donor_contact_months', models.PositiveSmallIntegerField(default=6, help_text="Months after a campaign ended: then its donors' names, contacts, addresses and notes go.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name="donors' contact details (months)")),
                ('closed_application_months', models.PositiveSmallIntegerField(default=6, help_text='Months after the decision: then an application that led to no pair goes with its screening.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name='rejected or withdrawn applications (months)')),
                ('mentor_screening_months', models.PositiveSmallIntegerField(default=12, help_text="Months after a withdrawn mentor's last pair closed: then the interviews, references, record checks and application answers go; the name stays with the pairs' history.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name='screening of mentors who left (months)')),
                ('mentee_record_years', models.PositiveSmallIntegerField(default=5, help_text="Years after a mentee's last pair closed (or after registration, if never paired): then the first name, case reference and texts go; dates, hours and activities stay in the figures.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(25)], verbose_name="mentees' records (years)")),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'retention periods',
            },
        ),
        migrations.CreateModel(
            name='ErasureRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('account', 'From the account'), ('pledge_link', 'From a private pledge link')], max_length=20, verbose_name='asked')),
                ('state', models.CharField(choices=[('open', 'Open'), ('completed', 'Completed')], default='open', max_length=20, verbose_name='state')),
                ('language', models.CharField(default='lv', max_length=10, verbose_name='language for mail')),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='asked at')),
                ('due_on', models.DateField(verbose_name='to be completed by')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed at')),
                ('removed', models.JSONField(blank=True, default=list, verbose_name='what was removed')),
                ('completed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='completed by')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='erasure_requests', to=settings.AUTH_USER_MODEL, verbose_name='account')),
            ],
            options={
                'verbose_name': 'erasure request',
                'verbose_name_plural': 'erasure requests',
                'ordering': ['-state', 'due_on', 'pk'],
                'permissions': [('complete_erasurerequest', 'Can complete erasure requests')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('state', 'open')), fields=('user',), name='privacy_one_open_erasure_per_user')],
            },
        ),
    ]
