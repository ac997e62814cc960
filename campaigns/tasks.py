from django_tasks import task

from campaigns import services


@task()
def campaign_housekeeping():
    """Expire overdue pledges and send tomorrow's reminders; a scheduler may enqueue this hourly."""
    result = services.housekeeping()
    return {"expired": len(result["expired"]), "reminded": len(result["reminded"])}


@task()
def new_pledge_mails(pledge_id: int) -> None:
    """The confirmation to the donor and the notice to the managers of a pledge just made, written here
    rather than in the donor's request (``services.create_pledge`` queues this after its commit)."""
    services.mail_new_pledge(pledge_id)
