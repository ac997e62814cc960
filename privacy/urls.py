from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("download/", views.download, name="download"),
    path("erase/", views.erase, name="erase"),
]
