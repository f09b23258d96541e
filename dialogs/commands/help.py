"""``help`` / ``hjälp``: what the bot can do, with examples."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.model import Item, Reply
from dialogs.registry import command

#: Commands shown to every member, then the ones for the secretary, chair and coordinator.
MEMBER_COMMANDS = (
    "actions.mine",
    "actions.list",
    "decisions",
    "action.done",
    "action.move",
    "meeting.next",
    "meetings.list",
    "nominate",
    "nominations.list",
    "nomination.withdraw",
    "agenda.show",
    "agenda.add",
    "calendar",
    "calendar.renew",
    "page",
    "iam",
    "lang",
    "council.use",
)
OFFICER_COMMANDS = (
    "action.add",
    "notes",
    "meeting.add",
    "meetings.add",
    "meeting.move",
    "meeting.cancel",
    "deadline.add",
    "reminders",
    "nomination.open",
    "nomination.close",
    "nomination.decide",
    "member.add",
    "members.add",
    "member.remove",
    "member.role",
    "action.edit",
    "action.owner",
    "action.delete",
    "agenda.remove",
    "member.link",
    "members.list",
    "council.create",
    "council.hours",
    "page.renew",
    "export",
)


@command("help", "help", "hjälp", "?", "commands", "kommandon")
async def show_help(context: Context, args: str) -> Reply:
    items = [
        Item(context.t(f"usage.{name}"), context.t(f"about.{name}")) for name in MEMBER_COMMANDS
    ]
    lines: list[str] = []
    if context.council is None:
        lines.append(context.t("help.not_linked"))
    officer_items = tuple(
        Item(
            context.t(f"usage.{name}"),
            context.t(f"about.{name}"),
            flag=context.t("help.officer_flag"),
        )
        for name in OFFICER_COMMANDS
    )
    return Reply(
        title=context.t("help.title"),
        lines=tuple(lines),
        items=tuple(items) + officer_items,
        footer=context.t("help.footer"),
    )
