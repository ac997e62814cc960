from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("my-pledges/", views.my_pledges, name="my_pledges"),
    path("pledge/<str:token>/", views.pledge_detail, name="pledge"),
    path("pledge/<str:token>/thanks/", views.confirmation, name="confirmation"),
    path("pledge/<str:token>/calendar.ics", views.pledge_calendar, name="calendar"),
    path("<id:pk>/poster/", views.campaign_poster, name="poster"),
]
