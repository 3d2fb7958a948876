#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Files the site writes (the SQLite database, and with it its journal, -wal and -shm
    # files, uploads, the page cache, backups) are for its own user only. Static files
    # are public: collectstatic leaves them readable by a front server running as another
    # user. bin/start-production sets the same umask for the web server.
    if sys.argv[1:2] != ["collectstatic"]:
        os.umask(0o077)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inpud.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
