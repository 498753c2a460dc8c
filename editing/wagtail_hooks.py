from wagtail import hooks

from .conflicts import guard_stale_edit

hooks.register("before_edit_page", guard_stale_edit)
