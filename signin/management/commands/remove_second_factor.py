"""manage.py remove_second_factor <username> --by <superuser>: for a lost phone or key."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from signin.factors import remove_second_factors, user_named


class Command(BaseCommand):
    help = (
        "Remove every second factor of a user (lost phone or key): they set up a new one "
        "at their next sign-in. Recorded in the admin's Site history under the superuser "
        "given with --by."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="whose second factors to remove")
        parser.add_argument("--by", required=True, help="the superuser doing it (recorded)")

    def handle(self, *args, username, by, **options):
        User = get_user_model()
        try:
            user, superuser = user_named(username), user_named(by)
        except User.DoesNotExist as error:
            raise CommandError(f"No such user: {error}") from error
        try:
            kinds = remove_second_factors(user, by=superuser)
        except PermissionDenied as error:
            raise CommandError(f"{by} is not a superuser.") from error
        if not kinds:
            self.stdout.write(f"{username} had no second factor; recorded anyway.")
        else:
            self.stdout.write(
                f"Removed {', '.join(kinds)} from {username}. At their next sign-in they "
                "set up a new second factor."
            )
