"""Wagtail admin paths served by the confined views of `sites.admin_overrides`; included in
`cms/urls.py` before Wagtail's admin URLs so that these match first. Unnamed: Wagtail's URL
names stay the ones to reverse."""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_overrides as views
from .admin_history import ConfinedLogEntriesView

urlpatterns = [
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", views.bulk_action),
    path("choose-page/", views.ConfinedBrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", views.ConfinedBrowseView.as_view()),
    path("choose-page/search/", views.ConfinedSearchView.as_view()),
    path("choose-page/chosen-multiple/", views.ConfinedChosenMultipleView.as_view()),
    path("reports/workflow/", views.ConfinedWorkflowView.as_view()),
    path("reports/workflow/results/", views.ConfinedWorkflowView.as_view(results_only=True)),
    path("reports/workflow_tasks/", views.ConfinedWorkflowTasksView.as_view()),
    path(
        "reports/workflow_tasks/results/",
        views.ConfinedWorkflowTasksView.as_view(results_only=True),
    ),
    path("reports/site-history/", ConfinedLogEntriesView.as_view()),
    path("reports/site-history/results/", ConfinedLogEntriesView.as_view(results_only=True)),
    path("reports/page-types-usage/", views.SuperuserPageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        views.SuperuserPageTypesUsageReportView.as_view(results_only=True),
    ),
    path("workflows/task_chooser/", views.TaskChooserView.as_view()),
    path("workflows/task_chooser/results/", views.TaskChooserResultsView.as_view()),
    path("workflows/task_chooser/create/", views.TaskChooserCreateView.as_view()),
    path("workflows/task_chooser/<int:task_id>/", views.task_chosen),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
