from django.urls import path

from mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.my_mentoring, name="home"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair"),
    path("pairs/<int:pk>/meetings/", views.log_meeting, name="log_meeting"),
    path("meetings/<int:pk>/edit/", views.edit_meeting, name="edit_meeting"),
    path("meetings/<int:pk>/delete/", views.delete_meeting, name="delete_meeting"),
    path("application/withdraw/", views.withdraw_application, name="withdraw"),
    path("certificate/", views.certificate_pdf, name="certificate"),
    path("certificates/verify/", views.verify_certificate, name="verify_certificate"),
]
