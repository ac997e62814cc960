from django.urls import path

from mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.my_mentoring, name="home"),
    path("pairs/<id:pk>/", views.pair_detail, name="pair"),
    path("pairs/<id:pk>/meetings/", views.log_meeting, name="log_meeting"),
    path("meetings/<id:pk>/edit/", views.edit_meeting, name="edit_meeting"),
    path("meetings/<id:pk>/delete/", views.delete_meeting, name="delete_meeting"),
    path("application/withdraw/", views.withdraw_application, name="withdraw"),
    path("certificate/", views.certificate_pdf, name="certificate"),
    path("certificates/verify/", views.verify_certificate, name="verify_certificate"),
]
