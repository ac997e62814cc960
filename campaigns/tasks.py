from django_tasks import task

from campaigns import services


@task()
def campaign_housekeeping():
    """Expire overdue pledges and send tomorrow's reminders; a scheduler may enqueue this hourly."""
    result = services.housekeeping()
    return {"expired": len(result["expired"]), "reminded": len(result["reminded"])}
